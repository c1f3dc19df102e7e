package org.tandem.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;
import org.tandem.testing.TandemProcess;

/**
 * A pair split across two Tandem processes on one PostgreSQL, as behind a load balancer: Alex's
 * page is served by instance A, Priya's by B. Each hears the other's moves through PostgreSQL
 * LISTEN/NOTIFY. Then A is killed (kill -9) in the middle of the case; Alex's next requests reach
 * B with the same launch token, the pair's session is where it was, they finish, and each partner's
 * score reaches the LMS once.
 */
class PairedInstancesIT {

    private static final String PASSWORD = "instances-admin";
    private static final String CONTEXT = "course-paired-instances";
    private static final String PAGE = PairedCourse.PAGE;

    private static EmbeddedPostgres postgres;
    private static final Map<String, TandemProcess> started = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (TandemProcess instance : started.values()) {
            instance.kill();
        }
        postgres.close();
    }

    @Test
    void partnersOnTwoInstancesHearEachOtherAndFinishAfterOneIsKilled() throws Exception {
        CompletableFuture<URL> startA = CompletableFuture.supplyAsync(() -> start("paired-a"));
        CompletableFuture<URL> startB = CompletableFuture.supplyAsync(() -> start("paired-b"));
        URL a = startA.join();
        URL b = startB.join();
        try (TestPlatform platform = TestPlatform.start()) {
            platform.trustTool(a + ".well-known/jwks.json");
            AgsService ags = AgsService.on(platform);
            HttpResponse<String> registered = admin(a, platform.registrationJson());
            assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
            String lineItem = ags.existingLineItem(CONTEXT, PairedCourse.CASE, "paired:closing-beds");
            Map<String, String> custom = Map.of("tandem_activity", "paired:closing-beds");

            Person alex = new Person(a, platform, ags, CONTEXT, TestPlatform.ROLE_LEARNER, "manager");
            assertThat(alex.open(alex.launchResourceLink("link-paired", lineItem, custom))).contains("id=\"waiting\"");
            Person priya = new Person(b, platform, ags, CONTEXT, TestPlatform.ROLE_LEARNER, "clinician");
            assertThat(priya.open(priya.launchResourceLink("link-paired", lineItem, custom))).contains("id=\"waiting\"");
            Person tess = new Person(a, platform, ags, CONTEXT, TestPlatform.ROLE_INSTRUCTOR, null);
            tess.launchResourceLink("link-paired", lineItem, custom);
            LtiBrowser.Response paired = tess.browser.postForm("roster/pairs/automatic", formOf("s", tess.token,
                    "version", PairedCourse.field(tess.page("roster"), "version")));
            assertThat(paired.status()).as("%s", paired).isEqualTo(303);

            String alexPage = alex.page(PAGE);
            String priyaPage = priya.page(PAGE);
            String session = PairedCourse.field(alexPage, "session");
            assertThat(PairedCourse.field(priyaPage, "session")).isEqualTo(session);
            BlockingQueue<String> alexHearsOnA = PairedCourse.listen(a, alexPage);
            BlockingQueue<String> priyaHearsOnB = PairedCourse.listen(b, priyaPage);
            Thread.sleep(1000); // both streams open, both instances listening to PostgreSQL

            move(alex.browser, alex.token, session, 0, "propose", "ask-own-team", null);
            PairedCourse.awaitEvent(priyaHearsOnB, "changed", "1");
            move(priya.browser, priya.token, session, 1, "object", null, "Asking round takes all afternoon");
            PairedCourse.awaitEvent(alexHearsOnA, "changed", "2");

            // A dies; the load balancer sends Alex to B with the same launch token
            started.get("paired-a").kill();
            LtiBrowser alexOnB = new LtiBrowser(b);
            LtiBrowser.Response back = alexOnB.get(PAGE + "?s=" + alex.token);
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.body()).contains("Asking round takes all afternoon").contains("id=\"decide\"");
            platform.trustTool(b + ".well-known/jwks.json");

            move(alexOnB, alex.token, session, 2, "decide", "ask-own-team", null);
            move(priya.browser, priya.token, session, 3, "propose", "move-fit-patients", null);
            move(alexOnB, alex.token, session, 4, "agree", null, null);
            move(alexOnB, alex.token, session, 5, "propose", "present-together", null);
            move(priya.browser, priya.token, session, 6, "agree", null, null);
            assertThat(alexOnB.get(PAGE + "?s=" + alex.token).body()).contains("id=\"hidden-manager\"").contains("100 %");

            await(() -> ags.kept(alex.subject).size() == 1 && ags.kept(priya.subject).size() == 1);
            assertThat(ags.kept(alex.subject)).hasSize(1);
            assertThat(ags.kept(priya.subject)).hasSize(1);
        }
    }

    private static void move(LtiBrowser browser, String token, String session, int moves, String action, String option, String text) {
        Map<String, String> form = formOf("s", token, "session", session, "moves", String.valueOf(moves), "action", action);
        if (option != null) {
            form.put("option", option);
        }
        if (text != null) {
            form.put("text", text);
        }
        LtiBrowser.Response posted = browser.postForm(PAGE + "/move", form);
        assertThat(posted.status()).as("%s: %s", action, posted).isEqualTo(303);
    }

    private static URL start(String name) {
        TandemProcess instance = TandemProcess.named(name)
                .property("tandem.gradebook.poll-seconds", "1")
                .env("TANDEM_DB_URL", postgres.getJdbcUrl("postgres", "postgres"))
                .env("TANDEM_DB_USER", "postgres")
                .env("TANDEM_DB_PASSWORD", "postgres")
                .env("TANDEM_ADMIN_PASSWORD", PASSWORD)
                .env("TANDEM_DEMO_ENABLED", "false")
                .build();
        started.put(name, instance);
        return instance.start().url();
    }

    private static HttpResponse<String> admin(URL base, String json) throws Exception {
        return TandemProcess.registerPlatform(base, PASSWORD, json);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within 90 s");
            }
            Thread.sleep(250);
        }
    }
}
