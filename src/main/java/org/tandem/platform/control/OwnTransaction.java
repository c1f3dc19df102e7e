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
 * any, waits). For insert-if-absent: many first launches of a course race to create the same row;
 * the losers' inserts fail in their own transaction while their launches go on and read the
 * winner's row.
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

    /**
     * Updates rows that many requests touch at once (a class opening one link together) in a
     * transaction of its own, reading them afresh and trying again when it fails (usually because
     * another transaction changed them first and their version moved on). Gives up after three tries and says so: the
     * caller's request goes on without it, and the next one records the same thing.
     *
     * @return whether the update committed
     */
    public boolean update(String what, Runnable update) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                self.call(() -> {
                    update.run();
                    return null;
                });
                return true;
            } catch (RuntimeException e) {
                last = e;
                LOG.log(Level.FINE, what + ": a concurrent change came first, try " + attempt, e);
            }
        }
        LOG.log(Level.WARNING, what + " was not recorded after three tries; the next request records it", last);
        return false;
    }
}
