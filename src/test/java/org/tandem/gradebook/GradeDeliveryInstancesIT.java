package org.tandem.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Module;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.TestPlatform;
import org.tandem.testing.TandemProcess;

/**
 * Grade delivery across Tandem processes sharing one PostgreSQL, as in production behind a load
 * balancer: the packaged microbundle is started as real processes. Learners complete a module on
 * instance A while the LMS is down (its token endpoint answers 503); A is killed in the middle of
 * retrying; instances B and C start
 * together, the LMS comes back, and every score arrives exactly once. Then more learners complete
 * on C while B and C race for the outbox, and again no score arrives twice.
 */
class GradeDeliveryInstancesIT {

    private static final String PASSWORD = "instances-admin";
    private static final Module MODULE = new PackReader().readClasspath("content/starter").modules().get(0);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static EmbeddedPostgres postgres;
    private static final List<TandemProcess> started = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopEverything() throws IOException, InterruptedException {
        for (TandemProcess instance : started) {
            instance.kill();
        }
        postgres.close();
    }

    @Test
    void scoresSurviveAKilledInstanceAndRacingInstancesNeverSendOneTwice() throws Exception {
        URL a = start("a");
        try (TestPlatform platform = TestPlatform.start()) {
            platform.trustTool(a + ".well-known/jwks.json");
            AgsService ags = AgsService.on(platform);
            HttpResponse<String> registered = admin(a, platform.registrationJson());
            assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
            String lineItem = ags.existingLineItem("course-instances", MODULE.title(), "module:" + MODULE.id());

            platform.tokenStatus(503); // the whole LMS is down: no tokens, no scores
            List<Person> first = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Person learner = new Person(a, platform, ags, "course-instances", TestPlatform.ROLE_LEARNER, i % 2 == 0 ? "manager" : "clinician");
                learner.completeModule(MODULE, "link-instances", lineItem);
                first.add(learner);
            }
            await(() -> platform.tokenRequests() >= 3);
            started.get(0).kill();
            assertThat(ags.kept()).isEmpty();

            CompletableFuture<URL> startB = CompletableFuture.supplyAsync(() -> start("b"));
            CompletableFuture<URL> startC = CompletableFuture.supplyAsync(() -> start("c"));
            URL b = startB.join();
            URL c = startC.join();
            platform.trustTool(b + ".well-known/jwks.json");
            platform.tokenStatus(200);

            await(() -> first.stream().allMatch(p -> ags.kept(p.subject).size() == 1));
            List<Person> second = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Person learner = new Person(c, platform, ags, "course-instances", TestPlatform.ROLE_LEARNER, "manager");
                learner.completeModule(MODULE, "link-instances", lineItem);
                second.add(learner);
            }
            await(() -> second.stream().allMatch(p -> ags.kept(p.subject).size() == 1));
            Thread.sleep(6000); // longer than a claim lasts in this test: anything sent twice would show now

            for (Person p : first) {
                assertThat(ags.kept(p.subject)).as("scores of " + p.subject).hasSize(1);
            }
            for (Person p : second) {
                assertThat(ags.kept(p.subject)).as("scores of " + p.subject).hasSize(1);
            }
            assertThat(ags.staleScores()).as("no score reached the LMS twice").isZero();
            assertThat(ags.scoreCalls()).as("one call per score once the LMS was back").isEqualTo(10);
        }
    }

    /** Starts the packaged Tandem as a process of its own on the shared database and waits until it is ready. */
    private static URL start(String name) {
        TandemProcess instance = TandemProcess.named(name)
                .property("tandem.gradebook.poll-seconds", "1").property("tandem.gradebook.retry-base-seconds", "1")
                .property("tandem.gradebook.retry-max-seconds", "2").property("tandem.gradebook.claim-seconds", "5")
                .env("TANDEM_DB_URL", postgres.getJdbcUrl("postgres", "postgres"))
                .env("TANDEM_DB_USER", "postgres")
                .env("TANDEM_DB_PASSWORD", "postgres")
                .env("TANDEM_ADMIN_PASSWORD", PASSWORD)
                .env("TANDEM_DEMO_ENABLED", "false")
                .build();
        synchronized (started) {
            started.add(instance);
        }
        return instance.start().url();
    }

    private HttpResponse<String> admin(URL base, String json) throws Exception {
        return TandemProcess.registerPlatform(base, PASSWORD, json);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }
}
