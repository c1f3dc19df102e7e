package org.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;
import org.tandem.testing.TandemProcess;

/**
 * Nothing Tandem answered is lost when its process is killed: learners submit their assessment
 * (profile, attempt and score event written on the way) through real launches into the packaged
 * Tandem, the JVM gets SIGKILL right after the last "Thank you", and Tandem restarted on the same
 * data still has every submitted assessment. The LMS gradebook ends with exactly one score per
 * learner, and scores that were in flight when the process died arrive soon after the restart.
 */
class DurabilityIT {

    private static final String PASSWORD = "durability-admin";
    private static final Map<String, String> PRE = Map.of("tandem_activity", "assessment:relationship", "tandem_phase", "pre");
    private static final int LEARNERS = 12;

    private Path data;
    private Gradebook gradebook;
    private TestPlatform platform;

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("tandem-durability");
        gradebook = new Gradebook();
        platform = TestPlatform.start();
    }

    @AfterEach
    void stop() {
        platform.close();
        gradebook.close();
    }

    /**
     * The embedded default: H2 in ./data with the URL Tandem builds itself. The grade claim time is
     * left at its default (a minute): scores in flight at the kill must not wait for it.
     */
    @Test
    void aKilledTandemOnTheEmbeddedDatabaseKeepsEverySubmitItAnswered() throws Exception {
        TandemProcess tandem = TandemProcess.named("durability-h2").directory(data.toFile())
                .env("TANDEM_ADMIN_PASSWORD", PASSWORD).env("TANDEM_DEMO_ENABLED", "false")
                .property("tandem.gradebook.poll-seconds", "1").property("tandem.gradebook.retry-base-seconds", "1")
                .build();
        crashAndRestart(tandem, Duration.ofSeconds(30));
    }

    /** The same on PostgreSQL, where another instance takes in-flight scores over once their claim runs out. */
    @Test
    void aKilledTandemOnPostgresqlKeepsEverySubmitItAnswered() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            TandemProcess tandem = TandemProcess.named("durability-postgres").directory(data.toFile())
                    .env("TANDEM_DB_URL", postgres.getJdbcUrl("postgres", "postgres"))
                    .env("TANDEM_DB_USER", "postgres").env("TANDEM_DB_PASSWORD", "postgres")
                    .env("TANDEM_ADMIN_PASSWORD", PASSWORD).env("TANDEM_DEMO_ENABLED", "false")
                    .property("tandem.gradebook.poll-seconds", "1").property("tandem.gradebook.retry-base-seconds", "1")
                    .property("tandem.gradebook.claim-seconds", "5")
                    .build();
            crashAndRestart(tandem, Duration.ofSeconds(30));
        }
    }

    private void crashAndRestart(TandemProcess tandem, Duration scoresWithin) throws Exception {
        List<Person> learners = new ArrayList<>();
        try (tandem) {
            URL base = tandem.start().url();
            platform.trustTool(base + ".well-known/jwks.json");
            AgsService ags = AgsService.on(platform);
            HttpResponse<String> registered = admin(base, platform.registrationJson());
            assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
            for (int i = 0; i < LEARNERS; i++) {
                learners.add(new Person(base, platform, ags, "course-durability", TestPlatform.ROLE_LEARNER,
                        i % 2 == 0 ? "manager" : "clinician"));
            }
            ExecutorService browsers = Executors.newFixedThreadPool(4);
            try {
                // the LMS takes score calls but does not answer them: the first half's scores are in
                // flight (claimed by the worker, sent, unanswered) when the process dies
                gradebook.hold();
                submitAll(browsers, learners.subList(0, LEARNERS / 2));
                await(() -> gradebook.held() >= 1, Duration.ofSeconds(60));
                submitAll(browsers, learners.subList(LEARNERS / 2, LEARNERS));
                tandem.kill(); // at once: the last submits were answered moments ago
            } finally {
                browsers.shutdownNow();
            }
            gradebook.release();

            tandem.start();
            Instant restarted = Instant.now();
            platform.trustTool(base + ".well-known/jwks.json");
            for (Person learner : learners) {
                LtiBrowser.Response page = learner.browser.get("learn/assessment/relationship?phase=pre&s=" + learner.token);
                assertThat(page.status()).as("the session and profile of %s survived: %s", learner.subject, page).isEqualTo(200);
                assertThat(page.body()).as("the submitted assessment of %s survived", learner.subject)
                        .contains("Thank you. You submitted");
            }
            await(() -> learners.stream().allMatch(l -> gradebook.kept(l.subject)), scoresWithin);
            assertThat(Duration.between(restarted, Instant.now())).isLessThan(scoresWithin);
            Set<String> subjects = new java.util.HashSet<>();
            learners.forEach(l -> subjects.add(l.subject));
            assertThat(gradebook.subjects()).as("the LMS has no score for a submit Tandem lost").isSubsetOf(subjects);
            for (Person learner : learners) {
                assertThat(gradebook.scores(learner.subject).stream().distinct().toList())
                        .as("one score (sent again at most, with the same timestamp) for %s", learner.subject).hasSize(1);
            }
        }
    }

    private void submitAll(ExecutorService browsers, List<Person> learners) throws Exception {
        List<Future<?>> submits = new ArrayList<>();
        for (Person learner : learners) {
            submits.add(browsers.submit(() -> learner.submitAssessment("link-pre", gradebook.lineItem(), PRE)));
        }
        for (Future<?> submit : submits) {
            submit.get(2, TimeUnit.MINUTES);
        }
    }

    private HttpResponse<String> admin(URL base, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("admin/api/platforms"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant until = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + within.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * The LMS's gradebook for the course's one line item, on a server of its own so that holding
     * score calls open does not tie up the platform's token endpoint. Records every score it is
     * sent by learner; while held, score calls get no answer until released, and only scores it
     * answered count as kept.
     */
    private final class Gradebook implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, List<String>> scores = new ConcurrentHashMap<>();
        private final List<String> held = new CopyOnWriteArrayList<>();
        private final Set<String> kept = ConcurrentHashMap.newKeySet();
        private volatile CountDownLatch holding;

        Gradebook() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/lineitems/", this::score);
            server.start();
        }

        /** The line item URL for the launches: Moodle's, with its query string. */
        String lineItem() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/lineitems/1/lineitem?type_id=1";
        }

        private void score(HttpExchange exchange) throws IOException {
            JsonObject score = Json.createReader(new StringReader(TestPlatform.body(exchange))).readObject();
            String subject = score.getString("userId");
            scores.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(score.getString("timestamp"));
            CountDownLatch latch = holding;
            if (latch != null) {
                held.add(subject);
                try {
                    latch.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            kept.add(subject);
            TestPlatform.respond(exchange, 200, null, "");
        }

        void hold() {
            holding = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch latch = holding;
            holding = null;
            latch.countDown();
        }

        int held() {
            return held.size();
        }

        boolean kept(String subject) {
            return kept.contains(subject);
        }

        List<String> scores(String subject) {
            return scores.getOrDefault(subject, List.of());
        }

        Set<String> subjects() {
            return scores.keySet();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
