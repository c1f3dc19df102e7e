package org.tandem.gradebook.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.gradebook.control.Backoff;
import org.tandem.gradebook.control.Courier;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.learning.entity.AttemptCompleted;
import org.tandem.platform.control.DatabaseSettings;

/**
 * Delivers the score outbox. Polls every few seconds (and at once after a completion commits),
 * claims due events with a lease in the database, sends them in parallel (at most one per learner
 * and column, so order holds) and records each outcome. Survives restarts because everything it
 * knows is in the outbox: an event claimed by an instance that died is taken over when the lease
 * runs out (at once when the database is the embedded one, which only one process can open).
 * Several instances share the work through the claims, never through memory.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Threads for parallel deliveries, made with the application's context (CDI, transactions). */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryRun run;

    @Inject
    Courier courier;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.poll-seconds", defaultValue = "5")
    long pollSeconds;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.retry-base-seconds", defaultValue = "30")
    long retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.retry-max-seconds", defaultValue = "3600")
    long retryMaxSeconds;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.give-up-hours", defaultValue = "72")
    long giveUpHours;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.claim-seconds", defaultValue = "60")
    long claimSeconds;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.batch", defaultValue = "50")
    int batch;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.parallel", defaultValue = "4")
    int parallel;

    @Inject
    @ConfigProperty(name = "tandem.gradebook.worker-enabled", defaultValue = "true")
    boolean enabled;

    private final String worker = workerName();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private Backoff backoff;
    private ScheduledFuture<?> polling;
    private ExecutorService deliveries;

    @PostConstruct
    void start() {
        backoff = new Backoff(Duration.ofSeconds(retryBaseSeconds), Duration.ofSeconds(Math.max(retryBaseSeconds, retryMaxSeconds)),
                () -> ThreadLocalRandom.current().nextDouble());
        if (!enabled) {
            LOG.warning("Grade delivery is switched off on this instance (tandem.gradebook.worker-enabled=false); "
                    + "scores wait in the outbox until an instance with it on delivers them");
            return;
        }
        if (DatabaseSettings.current().embedded()) {
            // the embedded database is this process's alone: claims in it belong to a process that
            // died mid-delivery, and its scores go out now instead of after the claim time
            int released = run.releaseClaims();
            if (released > 0) {
                LOG.info(() -> released + " score(s) were being delivered when Tandem stopped; they are sent again now "
                        + "(the LMS may receive one of them twice, with the same timestamp)");
            }
        }
        deliveries = Executors.newFixedThreadPool(Math.max(1, parallel), threads);
    }

    /**
     * Tandem answers requests now ({@link DeliveryStart}): deliveries begin. Not before, because
     * the LMS checks each token request against Tandem's JWKS, and a platform that cannot fetch it
     * refuses the request (401 invalid_client), which fails the score for good; this start-up bean
     * runs seconds before the web application serves.
     */
    public synchronized void serving() {
        if (!enabled || deliveries == null || polling != null) {
            return;
        }
        polling = scheduler.scheduleWithFixedDelay(this::poll, 1, pollSeconds, TimeUnit.SECONDS);
        LOG.info(() -> "Grade delivery worker " + worker + " started: polls every " + pollSeconds + " s, retries from "
                + retryBaseSeconds + " s up to " + retryMaxSeconds + " s apart, gives up after " + giveUpHours + " h");
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
        if (deliveries != null) {
            deliveries.shutdown();
        }
    }

    /** A completion committed: deliver now rather than at the next poll. */
    public void completed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AttemptCompleted completed) {
        nudge();
    }

    /** Asks for a poll once the caller's transaction has committed (what it queued is visible then). */
    public void afterCommit() {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    nudge();
                }
            }
        });
    }

    /** Asks for a poll as soon as possible (a running poll goes round once more). */
    public void nudge() {
        if (enabled && polling != null) {
            scheduler.execute(this::poll);
        }
    }

    /** One round: claim and deliver until nothing is due. One round at a time per instance. */
    void poll() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                List<Long> claimed;
                do {
                    claimed = run.claim(worker, batch, Duration.ofSeconds(claimSeconds));
                    deliverAll(claimed);
                } while (claimed.size() == batch);
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "grade delivery round failed; the next poll tries again", e);
        } finally {
            running.set(false);
        }
    }

    private void deliverAll(List<Long> claimed) {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (Long id : claimed) {
            inFlight.add(CompletableFuture.runAsync(() -> deliver(id), deliveries));
            if (inFlight.size() >= Math.max(1, parallel)) {
                CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).join();
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }

    private void deliver(long eventId) {
        Duration giveUp = Duration.ofHours(giveUpHours);
        try {
            Optional<Courier.Parcel> parcel = run.prepare(eventId, worker, backoff, giveUp);
            if (parcel.isEmpty()) {
                return;
            }
            Courier.Outcome outcome = courier.send(parcel.get());
            Optional<ScoreEvent> recorded = run.record(eventId, worker, outcome, backoff, giveUp);
            recorded.ifPresentOrElse(e -> log(e, outcome),
                    () -> LOG.warning(() -> "score event " + eventId + ": the claim ran out before the outcome was recorded"));
        } catch (RuntimeException e) {
            // the claim runs out and the event is tried again; nothing is lost
            LOG.log(Level.WARNING, "score event " + eventId + " could not be delivered this round", e);
        }
    }

    private static void log(ScoreEvent e, Courier.Outcome outcome) {
        switch (e.status()) {
            case SENT -> LOG.fine(() -> "score event " + e.id() + " sent (HTTP " + outcome.status() + ")");
            case FAILED -> LOG.warning(() -> "score event " + e.id() + " for column " + e.columnId() + " failed: " + outcome.answer());
            default -> LOG.info(() -> "score event " + e.id() + " not delivered yet (try " + e.tries() + "), next try at "
                    + e.nextTryAt() + ": " + outcome.answer());
        }
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }
}
