package org.tandem.lti.launch.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.launch.control.LaunchRecords;
import org.tandem.lti.launch.control.LoginStates;

/**
 * Keeps the launch path's writes to a launch's own rows: writes the records of accepted launches
 * every second (LaunchRecords), and clears what launches leave behind every minute: login states
 * a minute past their lifetime (a consumed state stays until then, so a replay is named as one)
 * and launch diagnostics beyond the newest of each platform. Every instance runs it; two
 * instances deleting the same rows at once only make one of them wait, and a round that fails is
 * simply the next round's work.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LaunchHousekeeping {

    private static final Logger LOG = Logger.getLogger(LaunchHousekeeping.class.getName());
    /** Rows written or deleted per transaction: short transactions, whatever piled up. */
    static final int BATCH = 1000;
    private long reportedDropped;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LoginStates states;

    @Inject
    LaunchRecords records;

    @Inject
    @ConfigProperty(name = "tandem.lti.housekeeping-seconds", defaultValue = "60")
    long everySeconds;

    private ScheduledFuture<?> rounds;
    private ScheduledFuture<?> writing;

    @PostConstruct
    void start() {
        // instances started together spread their rounds out
        long first = ThreadLocalRandom.current().nextLong(Math.max(1, everySeconds)) + 1;
        rounds = scheduler.scheduleWithFixedDelay(this::round, first, Math.max(1, everySeconds), TimeUnit.SECONDS);
        writing = scheduler.scheduleWithFixedDelay(this::writeAccepted, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (writing != null) {
            writing.cancel(false);
            writeAccepted();
        }
    }

    /** The records of the last second's accepted launches, in transactions of a few hundred. */
    void writeAccepted() {
        try {
            while (records.writeAccepted(BATCH) == BATCH) {
                // more waited than one transaction takes
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "records of accepted launches could not be written; they are left out of the diagnostics", e);
        }
        long dropped = records.dropped();
        if (dropped > reportedDropped) {
            long lost = dropped - reportedDropped;
            LOG.warning(() -> lost + " records of accepted launches were left out of the diagnostics: too many waited to be "
                    + "written (was the database unavailable?)");
            reportedDropped = dropped;
        }
    }

    void round() {
        try {
            Instant before = states.now().minus(Duration.ofMinutes(1));
            int purged = 0;
            int batch;
            do {
                batch = states.purge(before, BATCH);
                purged += batch;
            } while (batch == BATCH);
            int pruned = records.prune();
            if (purged + pruned > 0) {
                int p = purged;
                LOG.fine(() -> "launch housekeeping: " + p + " expired login states, " + pruned + " old launch records deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "launch housekeeping failed; the next round tries again", e);
        }
    }
}
