package org.tandem.lti.launch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.lti.launch.entity.LoginRequest;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * A class of 32 launching at once, on both databases: each login inserts its state, each launch
 * uses its state once and inserts its diagnostics record, while the clock runs past the states'
 * lifetime. A launch used to delete the platform's old records and a login the expired states, so
 * launches waited on each other's row locks: H2 answered "Timeout trying to lock table
 * LTI_LAUNCH_RECORD" (issue 13), and a login could delete a state another learner was about to
 * use. Now launches only insert and update their own rows; the housekeeping trims the tables.
 */
class LaunchWritesTest {

    static final int CLASS = 32;
    static final int ROUNDS = 12;

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aClassLaunchingAtOnceNeverWaitsOnAnotherLaunchAndHousekeepingTrimsAfterwards(Database db) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
        String issuer = "https://moodle-" + UUID.randomUUID() + ".example";
        long platformId = register(db, clock, issuer, "Moodle");

        ExecutorService learners = Executors.newFixedThreadPool(CLASS);
        CountDownLatch together = new CountDownLatch(CLASS);
        List<Future<?>> launches = new ArrayList<>();
        for (int i = 0; i < CLASS; i++) {
            String subject = "learner-" + i;
            launches.add(learners.submit(() -> {
                together.countDown();
                together.await();
                for (int round = 0; round < ROUNDS; round++) {
                    String state = db.inTransaction(em -> new LoginStates(em, 600, clock).begin(platformId,
                            new LoginRequest(issuer, subject, "https://tandem.example/lti/launch", Optional.empty(),
                                    Optional.of("client"), Optional.of("1"), Optional.empty())).state());
                    // the class's logins take longer than a state lives, so earlier states expire meanwhile
                    clock.advance(Duration.ofSeconds(20));
                    boolean used = db.inTransaction(em -> {
                        boolean consumed = new LoginStates(em, 600, clock).consume(state);
                        records(em, clock).record(new LaunchRecords.Attempt().platform(platformId, issuer, "client")
                                .launch("1", "LtiResourceLinkRequest", subject), new CheckLog(), true, null, null);
                        return consumed;
                    });
                    assertThat(used).as("%s's state of round %d was used once", subject, round).isTrue();
                }
                return null;
            }));
        }
        try {
            for (Future<?> launch : launches) {
                launch.get(); // a lock timeout, a deadlock or a lost state fails here
            }
        } finally {
            learners.shutdownNow();
        }

        assertThat(recordsOf(db, platformId)).isEqualTo(CLASS * ROUNDS);
        int pruned = db.inTransaction(em -> records(em, clock).prune());
        assertThat(pruned).isEqualTo(CLASS * ROUNDS - LaunchRecords.KEPT_PER_PLATFORM);
        assertThat(recordsOf(db, platformId)).isEqualTo(LaunchRecords.KEPT_PER_PLATFORM);

        Instant cutoff = clock.instant().minusSeconds(600);
        long live = statesOf(db, platformId, "s.expiresAt >= :t", cutoff);
        assertThat(statesOf(db, platformId, "s.expiresAt < :t", cutoff)).isPositive();
        int purged;
        do {
            purged = db.inTransaction(em -> new LoginStates(em, 600, clock).purge(cutoff, 100));
        } while (purged == 100);
        assertThat(statesOf(db, platformId, "s.expiresAt < :t", cutoff)).isZero();
        assertThat(statesOf(db, platformId, "s.expiresAt >= :t", cutoff)).isEqualTo(live).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void acceptedLaunchesAreWrittenLaterAndReadNewestFirstWithTheRejections(Database db) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
        String issuer = "https://canvas-" + UUID.randomUUID() + ".example";
        LaunchRecords records = new LaunchRecords();
        records.clock = clock;
        long platformId = register(db, clock, issuer, "Canvas");
        LaunchRecords.Attempt attempt = new LaunchRecords.Attempt().platform(platformId, issuer, "client");

        records.accepted(attempt.launch("1", "LtiResourceLinkRequest", "first"), new CheckLog(), null);
        clock.advance(Duration.ofSeconds(1));
        db.inTransaction(em -> {
            records.em = em;
            return records.record(attempt.launch("1", "LtiResourceLinkRequest", "second"), new CheckLog(), false,
                    LaunchCheck.SIGNATURE, "the id_token signature does not verify");
        });
        clock.advance(Duration.ofSeconds(1));
        records.accepted(attempt.launch("1", "LtiResourceLinkRequest", "third"), new CheckLog(), null);
        assertThat(recordsOf(db, platformId)).as("only the rejection is written at once").isEqualTo(1);

        List<String> newestFirst = db.inTransaction(em -> {
            records.em = em;
            return records.recent(Optional.of(platformId), 10).stream().map(r -> r.subject() + (r.accepted() ? "" : " (rejected)"))
                    .toList();
        });
        assertThat(newestFirst).containsExactly("third", "second (rejected)", "first");
        int stillWaiting = db.inTransaction(em -> {
            records.em = em;
            return records.writeAccepted(100);
        });
        assertThat(stillWaiting).as("nothing waits any more").isZero();
    }

    /**
     * The 500s of issue 13, one step at a time: a launch that is still open (it goes on to write its
     * session, roster row and grade column) and a second launch from the same platform, whose
     * records are past the number kept. When each launch pruned the platform's old records, the
     * second waited on the rows the first had deleted: until H2's lock timeout ("Timeout trying to
     * lock table LTI_LAUNCH_RECORD", a 500) or, on PostgreSQL, until the first committed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLaunchNeverWaitsForAnotherLaunchThatIsStillOpen(Database db) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T11:00:00Z"));
        String issuer = "https://moodle-" + UUID.randomUUID() + ".example";
        long platformId = register(db, clock, issuer, "Moodle");
        Function<String, LaunchRecords.Attempt> launch = subject -> new LaunchRecords.Attempt().platform(platformId, issuer, "client")
                .launch("1", "LtiResourceLinkRequest", subject);
        db.inTransaction(em -> {
            for (int i = 0; i < LaunchRecords.KEPT_PER_PLATFORM + 50; i++) {
                records(em, clock).record(launch.apply("earlier-" + i), new CheckLog(), false,
                        LaunchCheck.SIGNATURE, "earlier");
            }
            return null;
        });

        ExecutorService launches = Executors.newFixedThreadPool(2);
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        try {
            Future<?> first = launches.submit(() -> db.inTransaction(em -> {
                records(em, clock).record(launch.apply("first"), new CheckLog(), false,
                        LaunchCheck.SIGNATURE, "first");
                em.flush();
                firstRecorded.countDown();
                await(firstMayCommit);
                return null;
            }));
            assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> second = launches.submit(() -> db.inTransaction(em -> records(em, clock).record(launch.apply("second"),
                    new CheckLog(), false, LaunchCheck.SIGNATURE, "second")));
            // not a speed limit: the second launch either finishes on its own or waits for the first for ever
            second.get(30, TimeUnit.SECONDS);
            firstMayCommit.countDown();
            first.get(30, TimeUnit.SECONDS);
        } finally {
            firstMayCommit.countDown();
            launches.shutdownNow();
        }
        assertThat(recordsOf(db, platformId)).isEqualTo(LaunchRecords.KEPT_PER_PLATFORM + 52);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long register(Database db, MutableClock clock, String issuer, String name) {
        return db.inTransaction(em -> new Platforms(em, new PlatformKeySets(uri -> {
            throw new IOException("no fetch expected");
        }, clock), clock).register(new PlatformRegistration(issuer, "client", name, issuer + "/auth", Optional.empty(),
                issuer + "/jwks", DeploymentPolicy.STRICT, Duration.ofSeconds(60)), RegistrationSource.ADMIN, List.of("1")).id());
    }

    private static LaunchRecords records(jakarta.persistence.EntityManager em, MutableClock clock) {
        LaunchRecords records = new LaunchRecords();
        records.em = em;
        records.clock = clock;
        return records;
    }

    private static long recordsOf(Database db, long platformId) {
        return db.inTransaction(em -> em.createQuery("select count(r) from LaunchRecord r where r.platformId = :p", Long.class)
                .setParameter("p", platformId).getSingleResult());
    }

    private static long statesOf(Database db, long platformId, String condition, Instant t) {
        return db.inTransaction(em -> em.createQuery("select count(s) from LoginState s where s.platformId = :p and " + condition,
                Long.class).setParameter("p", platformId).setParameter("t", t).getSingleResult());
    }
}
