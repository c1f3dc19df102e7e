package org.tandem.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in a transaction of its own, committed when it returns (the caller's transaction, if
 * any, waits). For insert-if-absent: many first launches of a course race to create the same row;
 * the losers' inserts fail in their own transaction while their launches go on and read the
 * winner's row.
 */
@ApplicationScoped
public class OwnTransaction {

    /** This bean's own proxy: a call from inside a bean would bypass the transaction interceptor. */
    @jakarta.inject.Inject
    OwnTransaction self;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T call(Supplier<T> work) {
        return work.get();
    }

    /** Like {@link #call}, swallowing the failure of a lost race: the caller reads what the winner wrote. */
    public void tryInsert(Runnable insert) {
        try {
            self.call(() -> {
                insert.run();
                return null;
            });
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(OwnTransaction.class.getName())
                    .log(java.util.logging.Level.FINE, "insert lost a race; the row exists now", e);
        }
    }

    /**
     * Updates rows that many requests touch at once (a class opening one link together) in a
     * transaction of its own, reading them afresh and trying again when another transaction
     * changed them first (their version moved on). Gives up after three tries and says so: the
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
                java.util.logging.Logger.getLogger(OwnTransaction.class.getName())
                        .log(java.util.logging.Level.FINE, what + ": a concurrent change came first, try " + attempt, e);
            }
        }
        java.util.logging.Logger.getLogger(OwnTransaction.class.getName()).log(java.util.logging.Level.WARNING,
                what + " was not recorded after three tries; the next request records it", last);
        return false;
    }
}
