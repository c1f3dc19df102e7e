package org.tandem.roster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.tandem.access.entity.LaunchOpened;
import org.tandem.access.entity.LaunchSession;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;

/** The members of a course: the only way to course_member and course_roster rows. */
@ApplicationScoped
public class CourseMembers {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    RosterRows rows;

    Clock clock = Clock.systemUTC();

    public CourseMembers() {
    }

    /** For tests outside a container. */
    public CourseMembers(EntityManager em, RosterRows rows, Clock clock) {
        this.em = em;
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * Every launch into a course records who launched, and where the course's membership service
     * is, in the launch's transaction. The first launches of a new course all insert its roster
     * row; the losers' launches are tried again (LaunchOpened) and find the winner's row.
     */
    void onLaunch(@Observes LaunchOpened opened) {
        LaunchSession session = opened.session();
        LaunchSession.Tenancy t = session.tenancy();
        if (t.contextId().isEmpty()) {
            return;
        }
        CourseKey course = new CourseKey(t.platformId(), t.deploymentId(), t.contextId().get());
        LaunchSession.Person person = session.person();
        find(course, person.subject()).orElseGet(() -> add(course, person.subject()))
                .launched(person.displayName(), person.email(), session.roles(), clock.instant());
        session.services().membershipsUrl().ifPresent(url -> {
            CourseRoster roster = findRoster(course).orElseGet(() -> {
                CourseRoster created = new CourseRoster(course);
                em.persist(created);
                return created;
            });
            if (!roster.membershipsUrl().filter(url::equals).isPresent()) {
                roster.membershipsUrl(url);
            }
        });
    }

    /**
     * A new member row in the caller's transaction (a launch, or a roster sync that writes all or
     * nothing). Another transaction inserting the same person meanwhile makes the commit fail; the
     * launch or the sync then tries again.
     */
    public CourseMember add(CourseKey course, String subject) {
        CourseMember member = new CourseMember(course, subject);
        em.persist(member);
        return member;
    }

    public Optional<CourseMember> find(CourseKey course, String subject) {
        return em.createQuery("select m from CourseMember m where m.platformId = :p and m.deploymentId = :d "
                        + "and m.contextId = :c and m.subject = :s", CourseMember.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).setParameter("s", subject)
                .getResultStream().findFirst();
    }

    /** Everyone Tandem knows in the course, by name. */
    public List<CourseMember> all(CourseKey course) {
        return em.createQuery("select m from CourseMember m where m.platformId = :p and m.deploymentId = :d "
                        + "and m.contextId = :c order by m.displayName, m.subject", CourseMember.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).getResultList();
    }

    /** The learners of the course who are still on it. */
    public List<CourseMember> learners(CourseKey course) {
        return all(course).stream().filter(CourseMember::learner).filter(m -> m.status() != CourseMember.Status.LEFT).toList();
    }

    /** The course's roster row, if a launch or a sync has made one. */
    public Optional<CourseRoster> findRoster(CourseKey course) {
        return Optional.ofNullable(em.find(CourseRoster.class, new CourseRoster.Id(course)));
    }

    /** The course's roster row, created when missing. */
    public CourseRoster roster(CourseKey course) {
        CourseRoster roster = em.find(CourseRoster.class, new CourseRoster.Id(course));
        if (roster == null) {
            rows.ensureRoster(course);
            roster = em.find(CourseRoster.class, new CourseRoster.Id(course));
        }
        return roster;
    }
}
