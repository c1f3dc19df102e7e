package org.tandem.gradebook.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.tandem.access.entity.LaunchOpened;
import org.tandem.access.entity.LaunchSession;
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;

/** The graded course links of each course: the only way to grade_column rows. */
@ApplicationScoped
public class GradeColumns {

    /** Custom parameter a trainer (or Tandem's deep linking) sets to choose what a column receives. */
    public static final String GRADE_PARAMETER = "tandem_grade";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public GradeColumns() {
    }

    /** For tests outside a container. */
    public GradeColumns(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Every launch of a graded link that names an activity records the link's column, in the
     * launch's transaction: the AGS claim tells where its line item is (or where to find or create
     * one). The usual launch finds the column saying all this already and writes nothing.
     */
    void onLaunch(@Observes LaunchOpened opened) {
        LaunchSession session = opened.session();
        LaunchSession.Tenancy t = session.tenancy();
        LaunchSession.Services services = session.services();
        Optional<ActivityRef> activity = ActivityRef.fromCustom(session.custom().get("tandem_activity"),
                session.custom().get("tandem_phase"));
        if (t.contextId().isEmpty() || t.resourceLinkId().isEmpty() || activity.isEmpty() || !services.gradebook()) {
            return;
        }
        Course course = new Course(t.platformId(), t.deploymentId(), t.contextId().get());
        SendMode mode = SendMode.fromParameter(session.custom().get(GRADE_PARAMETER)).orElse(defaultMode(activity.get()));
        String link = t.resourceLinkId().get();
        String key = activity.get().key();
        Predicate<GradeColumn> record = c -> c.launched(t.resourceLinkTitle().orElse(key), services.lineItem(),
                services.lineItems(), services.agsScopes(), key, mode, clock.instant());
        Optional<GradeColumn> existing = byLink(course, link);
        if (existing.isPresent()) {
            // writes only what the launch says differently (a new title, line item or scopes); a
            // conflict with another launch or the delivery worker then fails this launch's commit,
            // and the launch is tried again
            record.test(existing.get());
            return;
        }
        // a class opening a new link at once: every first launch inserts the column starting with
        // what the launch said; the losers' launches are tried again (LaunchOpened), find the
        // winner's column and have nothing to change
        GradeColumn created = new GradeColumn(course, link, key, mode, clock.instant());
        record.test(created);
        em.persist(created);
    }

    /** Assessments send completion unless the trainer chooses otherwise; modules and scenarios their score. */
    public static SendMode defaultMode(ActivityRef activity) {
        return activity.kind() == ActivityKind.ASSESSMENT ? SendMode.COMPLETION : SendMode.SCORE;
    }

    public Optional<GradeColumn> byLink(Course course, String resourceLinkId) {
        return em.createQuery("select c from GradeColumn c where c.platformId = :p and c.deploymentId = :d "
                        + "and c.contextId = :c and c.resourceLinkId = :r", GradeColumn.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).setParameter("r", resourceLinkId)
                .getResultStream().findFirst();
    }

    /** The columns of one activity in a course (a trainer may have placed it more than once). */
    public List<GradeColumn> forActivity(Course course, String activityKey) {
        return em.createQuery("select c from GradeColumn c where c.platformId = :p and c.deploymentId = :d "
                        + "and c.contextId = :c and c.activityKey = :a order by c.id", GradeColumn.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).setParameter("a", activityKey)
                .getResultList();
    }

    public List<GradeColumn> inCourse(Course course) {
        return em.createQuery("select c from GradeColumn c where c.platformId = :p and c.deploymentId = :d "
                        + "and c.contextId = :c order by c.id", GradeColumn.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).getResultList();
    }

    /** The column with this id if, and only if, it belongs to the course. */
    public Optional<GradeColumn> find(Course course, long id) {
        return Optional.ofNullable(em.find(GradeColumn.class, id)).filter(c -> c.belongsTo(course));
    }

    public Optional<GradeColumn> find(long id) {
        return Optional.ofNullable(em.find(GradeColumn.class, id));
    }
}
