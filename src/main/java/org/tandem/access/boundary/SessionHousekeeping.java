package org.tandem.access.boundary;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.access.control.LaunchSessions;

/**
 * Deletes expired launch sessions in the background, so that a launch only inserts its own: a
 * launch that also deleted other people's expired sessions made a class launching at once wait on
 * each other's locks.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionHousekeeping {

    private static final Logger LOG = Logger.getLogger(SessionHousekeeping.class.getName());
    static final int BATCH = 1000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LaunchSessions sessions;

    @Inject
    @ConfigProperty(name = "tandem.access.housekeeping-seconds", defaultValue = "300")
    long everySeconds;

    private ScheduledFuture<?> rounds;

    @PostConstruct
    void start() {
        long every = Math.max(1, everySeconds);
        rounds = scheduler.scheduleWithFixedDelay(this::round, ThreadLocalRandom.current().nextLong(every) + 1, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    void round() {
        try {
            int batch;
            do {
                batch = sessions.purge(sessions.now(), BATCH);
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting expired launch sessions failed; the next round tries again", e);
        }
    }
}
