package org.tandem.lti.launch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One launch, one transaction, and nothing nested in it. A class opening a new course or link at
 * the same moment has many launches insert the same rows (the course's roster, the link's grade
 * column): all but one fail when they commit. Such a launch is tried again from the start in a
 * new transaction and finds the winner's rows; its state and nonce were not used, because the
 * failed transaction took their use back with it.
 *
 * <p>Why not insert those rows in transactions of their own: a launch holding its database
 * connection while it waits for a second one deadlocks the pool as soon as more launches run at
 * once than the pool has connections (32 learners, 16 connections).
 */
@ApplicationScoped
public class LaunchTransaction {

    private static final Logger LOG = Logger.getLogger(LaunchTransaction.class.getName());
    static final int TRIES = 5;

    /** This bean's own proxy: a call from inside the bean would bypass the transaction interceptor. */
    @Inject
    LaunchTransaction self;

    /** Runs the launch in a transaction, again (up to five times in all) while it loses races to other launches. */
    public <T> T run(Supplier<T> launch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return self.once(launch);
            } catch (RuntimeException e) {
                if (attempt >= TRIES || !lostRace(e)) {
                    throw e;
                }
                LOG.log(Level.FINE, "launch lost a race to another launch (try " + attempt + "); trying again", e);
                pause(attempt);
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T once(Supplier<T> launch) {
        return launch.get();
    }

    /**
     * Whether the transaction failed because another one came first: a unique key (SQL state class
     * 23), a serialization failure or deadlock (class 40), H2's lock timeout (HYT00), or a row's
     * version that moved on.
     */
    static boolean lostRace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40") || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A few milliseconds, longer each time and spread out, so the winner commits before the next try. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
