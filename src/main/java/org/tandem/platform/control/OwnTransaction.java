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
}
