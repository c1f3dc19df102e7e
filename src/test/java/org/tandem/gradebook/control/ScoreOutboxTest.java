package org.tandem.gradebook.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.gradebook.entity.AttemptPolicy;
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.Results;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ags.AccessTokens;
import org.tandem.lti.ags.AgsScope;
import org.tandem.lti.ags.AgsTestPlatform;
import org.tandem.lti.ags.Delivery;
import org.tandem.lti.ags.LineItems;
import org.tandem.lti.ags.ScoreClient;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * The score outbox on both databases: events written per column of a completed activity, order
 * per learner and column, claims that only one worker wins, backoff and giving up, re-sends, a
 * claim taken over after its worker died, and two workers racing through real HTTP to an AGS
 * platform without sending any score twice.
 */
class ScoreOutboxTest {

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), () -> 0.5);
    static final Duration GIVE_UP = Duration.ofHours(72);
    static final Duration LEASE = Duration.ofMinutes(2);

    static RSAKey toolKey;
    static AgsTestPlatform ags;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T09:00:00Z"));

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .keyID(UUID.randomUUID().toString()).generate();
        ags = new AgsTestPlatform(toolKey, Clock.systemUTC());
    }

    @AfterAll
    static void stopPlatform() {
        ags.close();
    }

    /** A course of its own per test, so tests on the shared databases never see each other's rows. */
    record Fixture(Course course, long platformId) {
        Learner learner(String subject) {
            return new Learner(course.platformId(), course.deploymentId(), course.contextId(), subject);
        }
    }

    Fixture fixture(Database db) {
        String issuer = "https://lms-" + UUID.randomUUID() + ".example";
        Platform platform = db.inTransaction(em -> platforms(em).register(new PlatformRegistration(issuer,
                AgsTestPlatform.CLIENT_ID, "Test LMS", issuer + "/auth", Optional.of(ags.tokenUrl().toString()),
                issuer + "/jwks", DeploymentPolicy.STRICT, Duration.ofSeconds(60)), RegistrationSource.ADMIN, List.of("dep-1")));
        return new Fixture(new Course(platform.id(), "dep-1", "course-" + UUID.randomUUID()), platform.id());
    }

    Platforms platforms(EntityManager em) {
        return new Platforms(em, new PlatformKeySets(uri -> {
            throw new IOException("no fetch expected");
        }, clock), clock);
    }

    GradeColumn column(Database db, Fixture f, String link, String activityKey, String lineItem) {
        return db.inTransaction(em -> {
            GradeColumns columns = new GradeColumns(em, clock);
            GradeColumn column = new GradeColumn(f.course(), link, activityKey, SendMode.SCORE, clock.instant());
            em.persist(column);
            column.launched("Module " + link, Optional.ofNullable(lineItem), Optional.of(ags.lineItemsUrl().toString()),
                    Set.of(AgsScope.SCORE.uri(), AgsScope.LINEITEM.uri()), activityKey, SendMode.SCORE, clock.instant());
            em.flush();
            return columns.find(column.id()).orElseThrow();
        });
    }

    Attempt completed(Database db, Fixture f, String subject, String moduleId, double score) {
        return db.inTransaction(em -> {
            Attempt attempt = new Attempt(f.learner(subject), null, ActivityKind.MODULE, moduleId, null, "starter", 1, null, "{}",
                    clock.instant());
            em.persist(attempt);
            attempt.complete("{}", score, clock.instant());
            em.flush();
            return attempt;
        });
    }

    ScoreOutbox outbox(EntityManager em) {
        return new ScoreOutbox(em, new GradeColumns(em, clock), new Attempts(em, clock), new Results(null), clock);
    }

    <T> T withOutbox(Database db, Function<ScoreOutbox, T> work) {
        return db.inTransaction(em -> work.apply(outbox(em)));
    }

    List<ScoreEvent> enqueue(Database db, Attempt attempt) {
        return withOutbox(db, o -> o.enqueue(db.inTransaction(em -> em.find(Attempt.class, attempt.id()))));
    }

    List<Long> dueInCourse(Database db, Fixture f) {
        return withOutbox(db, o -> o.due(10_000)).stream()
                .filter(id -> withOutbox(db, o -> o.find(id).map(e -> columnCourse(db, e)).orElse(null)).equals(f.course()))
                .toList();
    }

    Course columnCourse(Database db, ScoreEvent e) {
        return db.inTransaction(em -> em.find(GradeColumn.class, e.columnId()).course());
    }

    boolean claim(Database db, long id, String worker) {
        return db.inTransaction(em -> outbox(em).claim(id, worker, LEASE));
    }

    Optional<ScoreEvent> delivered(Database db, long id, String worker) {
        return db.inTransaction(em -> outbox(em).record(id, worker, outcome(Delivery.Outcome.DELIVERED, 200, ""), BACKOFF, GIVE_UP));
    }

    ScoreEvent.Status status(Database db, long id) {
        return db.inTransaction(em -> outbox(em).find(id).orElseThrow().status());
    }

    Optional<ScoreEvent> resend(Database db, long columnId, String subject) {
        return db.inTransaction(em -> outbox(em).resend(em.find(GradeColumn.class, columnId), subject, ScoreEvent.Cause.RESENT));
    }

    static Courier.Outcome outcome(Delivery.Outcome kind, int status, String answer) {
        return new Courier.Outcome(kind, status, answer, Optional.empty(), Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void completionWritesOneEventPerColumnOfTheActivityInTheCourse(Database db) {
        Fixture f = fixture(db);
        GradeColumn first = column(db, f, "link-a", "module:handover", "https://lms/li/1");
        GradeColumn second = column(db, f, "link-b", "module:handover", "https://lms/li/2");
        column(db, f, "link-c", "module:other", "https://lms/li/3");
        Fixture elsewhere = fixture(db);
        column(db, elsewhere, "link-a", "module:handover", "https://lms/li/9");

        List<ScoreEvent> events = enqueue(db, completed(db, f, "ada", "handover", 0.75));

        assertThat(events).extracting(ScoreEvent::columnId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(ScoreEvent.Status.PENDING);
            assertThat(e.subject()).isEqualTo("ada");
            assertThat(e.payload().scoreGiven()).isEqualTo(75.0);
            assertThat(e.cause()).isEqualTo(ScoreEvent.Cause.COMPLETED);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplayIsGradedByTheColumnsAttemptPolicy(Database db) {
        Fixture f = fixture(db);
        GradeColumn column = column(db, f, "link-a", "module:handover", "https://lms/li/1");
        assertThat(column.attemptPolicy()).as("the default").isEqualTo(AttemptPolicy.HIGHEST);

        assertThat(enqueue(db, completed(db, f, "ada", "handover", 0.75))).extracting(e -> e.payload().scoreGiven()).containsExactly(75.0);
        clock.advance(Duration.ofMinutes(1));
        assertThat(enqueue(db, completed(db, f, "ada", "handover", 0.5))).as("a lower replay never lowers the grade").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(enqueue(db, completed(db, f, "ada", "handover", 0.75))).as("an equal replay sends nothing new").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(enqueue(db, completed(db, f, "ada", "handover", 0.9))).extracting(e -> e.payload().scoreGiven()).containsExactly(90.0);

        policy(db, column, AttemptPolicy.FIRST);
        assertThat(resend(db, column.id(), "ada")).map(e -> e.payload().scoreGiven()).contains(75.0);
        assertThat(enqueue(db, completed(db, f, "ada", "handover", 1.0))).as("later attempts are practice").isEmpty();

        policy(db, column, AttemptPolicy.LATEST);
        clock.advance(Duration.ofMinutes(1));
        assertThat(enqueue(db, completed(db, f, "ada", "handover", 0.25))).extracting(e -> e.payload().scoreGiven()).containsExactly(25.0);
        int resent = db.inTransaction(em -> outbox(em).resendAll(em.find(GradeColumn.class, column.id()), ScoreEvent.Cause.POLICY_CHANGED));
        assertThat(resent).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aColumnTakesTheResultsEarnedBeforeItExistedOnce(Database db) {
        Fixture f = fixture(db);
        completed(db, f, "ada", "handover", 0.5);
        clock.advance(Duration.ofMinutes(1));
        completed(db, f, "ada", "handover", 0.8);
        completed(db, f, "bob", "handover", 0.4);
        completed(db, f, "cy", "other", 1.0);
        GradeColumn column = column(db, f, "link-a", "module:handover", "https://lms/li/1");

        assertThat(backfill(db, column)).isEqualTo(2);

        Map<String, Double> sent = db.inTransaction(em -> outbox(em).latestPerLearner(em.find(GradeColumn.class, column.id())))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().payload().scoreGiven()));
        assertThat(sent).containsExactlyInAnyOrderEntriesOf(Map.of("ada", 80.0, "bob", 40.0));
        assertThat(backfill(db, column)).as("a learner with an event on the column is left alone").isZero();
    }

    int backfill(Database db, GradeColumn column) {
        return db.inTransaction(em -> outbox(em).backfill(em.find(GradeColumn.class, column.id())));
    }

    void policy(Database db, GradeColumn column, AttemptPolicy policy) {
        db.inTransaction(em -> {
            em.find(GradeColumn.class, column.id()).chooseAttemptPolicy(policy, clock.instant());
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyTheOldestPendingEventOfALearnerAndColumnIsDue(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent older = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);
        clock.advance(Duration.ofMinutes(5));
        ScoreEvent newer = enqueue(db, completed(db, f, "ada", "handover", 1.0)).get(0);
        ScoreEvent other = enqueue(db, completed(db, f, "grace", "handover", 1.0)).get(0);

        assertThat(dueInCourse(db, f)).containsExactly(older.id(), other.id());

        // the older one is settled: now the newer one's turn
        db.inTransaction(em -> {
            ScoreOutbox o = outbox(em);
            o.claim(older.id(), "w1", LEASE);
            return o.record(older.id(), "w1", outcome(Delivery.Outcome.DELIVERED, 200, ""), BACKOFF, GIVE_UP);
        });
        assertThat(dueInCourse(db, f)).containsExactly(newer.id(), other.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRetryingOlderEventHoldsBackTheNewerOne(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent older = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);
        enqueue(db, completed(db, f, "ada", "handover", 1.0));
        db.inTransaction(em -> {
            ScoreOutbox o = outbox(em);
            o.claim(older.id(), "w1", LEASE);
            return o.record(older.id(), "w1", outcome(Delivery.Outcome.RETRYABLE, 503, "HTTP 503"), BACKOFF, GIVE_UP);
        });

        assertThat(dueInCourse(db, f)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(dueInCourse(db, f)).containsExactly(older.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aClaimIsWonByOneWorkerOnly(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent event = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);

        assertThat(claim(db, event.id(), "w1")).isTrue();
        assertThat(claim(db, event.id(), "w2")).isFalse();
        assertThat(dueInCourse(db, f)).isEmpty();
        assertThat(delivered(db, event.id(), "w2")).as("a worker without the claim cannot record").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aClaimOfAWorkerThatDiedIsTakenOverWhenItsLeaseRunsOut(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent event = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);
        claim(db, event.id(), "dead-worker");

        clock.advance(LEASE.plusSeconds(1));

        assertThat(dueInCourse(db, f)).containsExactly(event.id());
        assertThat(claim(db, event.id(), "w2")).isTrue();
        assertThat(delivered(db, event.id(), "w2")).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(ScoreEvent.Status.SENT));
        assertThat(delivered(db, event.id(), "dead-worker")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void releasedClaimsAreDueAtOnceWithoutWaitingForTheirLease(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent event = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);
        claim(db, event.id(), "dead-worker");
        assertThat(dueInCourse(db, f)).isEmpty();

        int released = db.inTransaction(em -> outbox(em).releaseClaims());
        assertThat(released).isPositive();

        assertThat(dueInCourse(db, f)).containsExactly(event.id());
        assertThat(claim(db, event.id(), "w2")).isTrue();
        assertThat(delivered(db, event.id(), "dead-worker")).as("the dead worker's claim is gone").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void retriesWithBackoffThenGivesUpWithTheLastAnswer(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent event = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);
        Function<Integer, ScoreEvent> failOnce = n -> db.inTransaction(em -> {
            ScoreOutbox o = outbox(em);
            assertThat(o.claim(event.id(), "w1", LEASE)).isTrue();
            return o.record(event.id(), "w1", outcome(Delivery.Outcome.RETRYABLE, 503, "HTTP 503 " + n), BACKOFF, GIVE_UP)
                    .orElseThrow();
        });

        ScoreEvent first = failOnce.apply(1);
        assertThat(first.nextTryAt()).isEqualTo(clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        ScoreEvent second = failOnce.apply(2);
        assertThat(second.tries()).isEqualTo(2);
        assertThat(second.nextTryAt()).isEqualTo(clock.instant().plusSeconds(20));
        assertThat(second.lastAnswer()).contains("HTTP 503 2");

        clock.advance(GIVE_UP);
        ScoreEvent last = failOnce.apply(3);
        assertThat(last.status()).isEqualTo(ScoreEvent.Status.FAILED);
        assertThat(last.lastAnswer()).hasValueSatisfying(a -> assertThat(a).contains("stopped retrying after 72 hours", "HTTP 503 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRefusalFailsAtOnceWithThePlatformsAnswer(Database db) {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:handover", "https://lms/li/1");
        ScoreEvent event = enqueue(db, completed(db, f, "ada", "handover", 0.5)).get(0);

        ScoreEvent failed = db.inTransaction(em -> {
            ScoreOutbox o = outbox(em);
            o.claim(event.id(), "w1", LEASE);
            return o.record(event.id(), "w1", outcome(Delivery.Outcome.FAILED, 422, "HTTP 422: not a student"), BACKOFF, GIVE_UP)
                    .orElseThrow();
        });

        assertThat(failed.status()).isEqualTo(ScoreEvent.Status.FAILED);
        assertThat(failed.lastStatus()).hasValue(422);
        assertThat(dueInCourse(db, f)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void resendReplacesTheFailedEventWithTheLatestResultStampedNow(Database db) {
        Fixture f = fixture(db);
        GradeColumn column = column(db, f, "link-a", "module:handover", "https://lms/li/1");
        completed(db, f, "ada", "handover", 0.25);
        clock.advance(Duration.ofMinutes(1));
        Attempt latest = completed(db, f, "ada", "handover", 0.5);
        ScoreEvent event = enqueue(db, latest).get(0);
        db.inTransaction(em -> {
            ScoreOutbox o = outbox(em);
            o.claim(event.id(), "w1", LEASE);
            return o.record(event.id(), "w1", outcome(Delivery.Outcome.FAILED, 401, "token refused"), BACKOFF, GIVE_UP);
        });
        clock.advance(Duration.ofHours(1));

        ScoreEvent resent = resend(db, column.id(), "ada").orElseThrow();

        assertThat(resent.payload().scoreGiven()).isEqualTo(50.0);
        assertThat(resent.payload().timestamp()).isEqualTo(clock.instant());
        assertThat(status(db, event.id())).isEqualTo(ScoreEvent.Status.REPLACED);
        assertThat(resend(db, column.id(), "nobody")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoWorkersRacingThroughRealHttpNeverSendAScoreTwice(Database db) throws Exception {
        Fixture f = fixture(db);
        column(db, f, "link-a", "module:race", ags.lineItemsUrl() + "/7/lineitem?type_id=3");
        Set<String> learners = new java.util.TreeSet<>();
        for (int i = 0; i < 40; i++) {
            String subject = "racer-" + i + "-" + UUID.randomUUID();
            learners.add(subject);
            enqueue(db, completed(db, f, subject, "race", 1.0));
        }
        OutboundHttp http = new OutboundHttp();
        AccessTokens tokens = new AccessTokens(http, () -> toolKey, Clock.systemUTC());
        LineItems lineItems = new LineItems(tokens, http);
        ScoreClient scores = new ScoreClient(tokens, http);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> workers = new ArrayList<>();
        for (String worker : List.of("worker-a", "worker-b")) {
            workers.add(pool.submit(() -> {
                start.await();
                int delivered = 0;
                while (true) {
                    List<Long> claimed = db.inTransaction(em -> {
                        ScoreOutbox o = outbox(em);
                        List<Long> won = new ArrayList<>();
                        for (Long id : o.due(5)) {
                            try {
                                if (o.claim(id, worker, LEASE)) {
                                    won.add(id);
                                }
                            } catch (RuntimeException lostRace) {
                                // H2 may refuse the second concurrent update instead of waiting: the other worker has it
                            }
                        }
                        return won;
                    });
                    if (claimed.isEmpty() && dueInCourse(db, f).isEmpty()) {
                        return delivered;
                    }
                    for (Long id : claimed) {
                        Optional<Courier.Parcel> parcel = db.inTransaction(em -> {
                            ScoreEvent e = outbox(em).claimedBy(id, worker).orElseThrow();
                            return new Courier(platforms(em), lineItems, scores)
                                    .prepare(e, em.find(GradeColumn.class, e.columnId())).parcel();
                        });
                        Courier.Outcome outcome = new Courier(null, lineItems, scores).send(parcel.orElseThrow());
                        db.inTransaction(em -> outbox(em).record(id, worker, outcome, BACKOFF, GIVE_UP)).orElseThrow();
                        delivered++;
                    }
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> w : workers) {
            total += w.get();
        }
        pool.shutdown();

        Map<String, Long> received = ags.received("POST").stream().filter(r -> r.path().endsWith("/scores"))
                .map(r -> Json.createReader(new StringReader(r.body())).readObject().getString("userId"))
                .filter(learners::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // (the workers may also have taken due events other tests left in the shared database)
        assertThat(total).isGreaterThanOrEqualTo(40);
        assertThat(received.keySet()).isEqualTo(learners);
        assertThat(received.values()).allMatch(n -> n == 1L);
        assertThat(received.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
    }
}
