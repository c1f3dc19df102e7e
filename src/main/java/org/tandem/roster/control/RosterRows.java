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
import org.tandem.roster.entity.CourseRoster;

/**
 * Creates a course's roster row when a roster sync finds none, in a transaction of its own: a
 * launch of the course may insert it at the same moment, and the sync must go on with the
 * winner's row. Launches themselves insert in their own transaction and are tried again instead
 * (a launch waiting for a second connection while holding one deadlocks a busy pool).
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
