package org.tandem.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work in a transaction of its own, committed when it returns (the caller's transaction, if
 * any, waits). For insert-if-absent off the launch path: two partners opening a paired case at
 * once race to create its session; the loser's insert fails in its own transaction while its
 * request goes on and reads the winner's row. Launches do not use it: holding a connection while
 * waiting for a second one deadlocks the pool under a class's load (see LaunchTransaction).
 */
@ApplicationScoped
public class OwnTransaction {

    private static final Logger LOG = Logger.getLogger(OwnTransaction.class.getName());

    /** This bean's own proxy: a call from inside a bean would bypass the transaction interceptor. */
    @Inject
    OwnTransaction self;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /**
     * Flushes before returning, so that a conflict (a version that moved on, a row another
     * transaction inserted first) fails here, inside the method, and not in the commit: Payara's
     * REQUIRES_NEW interceptor does not resume the caller's suspended transaction when the commit
     * throws, and the caller's own commit then fails with a NullPointerException (a 500 for the
     * launch that only wanted to record a roster update).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T call(Supplier<T> work) {
        T result = work.get();
        em.flush();
        return result;
    }

    /** Like {@link #call}, swallowing the failure of a lost race: the caller reads what the winner wrote. */
    public void tryInsert(Runnable insert) {
        try {
            self.call(() -> {
                insert.run();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "insert lost a race; the row exists now", e);
        }
    }
}
