package org.tandem.roster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;

/**
 * Creates a course's rows when they are missing, each in a transaction of its own: a class of
 * learners opening a new course at nine o'clock all find no row, and all but one insert loses
 * the race on the unique key. The loser's launch must go on; it finds the winner's row.
 */
@ApplicationScoped
public class RosterRows {

    private static final Logger LOG = Logger.getLogger(RosterRows.class.getName());

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Inserts inserts;

    public RosterRows() {
    }

    /** For tests outside a container: inserts run in the caller's transaction. */
    public RosterRows(EntityManager em) {
        this.em = em;
        this.inserts = new Inserts();
        this.inserts.em = em;
    }

    public void ensureMember(CourseKey course, String subject) {
        quietly(() -> inserts.member(course, subject), "course member " + subject);
    }

    public void ensureRoster(CourseKey course) {
        quietly(() -> inserts.roster(course), "course roster " + course);
    }

    private static void quietly(Supplier<Boolean> insert, String what) {
        try {
            insert.get();
        } catch (RuntimeException e) {
            // the other transaction's row is there now; the caller reads it
            LOG.log(Level.FINE, what + " was created concurrently", e);
        }
    }

    /** The inserts themselves, behind the CDI proxy that gives each its own transaction. */
    @ApplicationScoped
    public static class Inserts {

        @PersistenceContext(unitName = "tandem")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Boolean member(CourseKey course, String subject) {
            boolean exists = !em.createQuery("select m.id from CourseMember m where m.platformId = :p and m.deploymentId = :d "
                            + "and m.contextId = :c and m.subject = :s", Long.class)
                    .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                    .setParameter("c", course.contextId()).setParameter("s", subject).getResultList().isEmpty();
            if (!exists) {
                em.persist(new CourseMember(course, subject));
                em.flush();
            }
            return !exists;
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Boolean roster(CourseKey course) {
            if (em.find(CourseRoster.class, new CourseRoster.Id(course)) != null) {
                return false;
            }
            em.persist(new CourseRoster(course));
            em.flush();
            return true;
        }
    }
}
