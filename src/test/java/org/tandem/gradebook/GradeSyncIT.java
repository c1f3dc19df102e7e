package org.tandem.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Section;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;

/**
 * Tandem and the LMS gradebook, both ways, through real HTTP: a trainer places a programme by
 * deep linking (the response verified with Tandem's published keys), learners complete activities
 * and their scores reach the platform's AGS endpoints, which are real HTTP with token checks. An
 * LMS that is down, refuses the token, has no column yet, refuses a user or loses its deployment
 * registration: each ends as the trainer's sync page says, and nothing is lost. Each test has a
 * platform of its own; the worker polls every second in tests (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GradeSyncIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static final ContentPack STARTER = new PackReader().readClasspath("content/starter");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ArquillianResource
    URL base;

    private TestPlatform platform;
    private AgsService ags;
    private long platformId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @BeforeEach
    void startPlatform() throws Exception {
        platform = TestPlatform.start();
        platform.trustTool(tandem("/.well-known/jwks.json"));
        ags = AgsService.on(platform);
        HttpResponse<String> registered = admin("POST", "admin/api/platforms", platform.registrationJson());
        assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(registered.body());
        assertThat(id.find()).isTrue();
        platformId = Long.parseLong(id.group(1));
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    // ---------------------------------------------------------------- deep linking

    @Test
    void trainerPlacesTheProgrammeWithASignedResponseThatMakesGradebookColumns() throws Exception {
        Person trainer = trainer("course-dl");
        LtiBrowser.Response picker = trainer.launchDeepLinking(t -> t);
        assertThat(picker.status()).as("%s", picker).isEqualTo(200);
        assertThat(picker.body()).contains("Add Tandem activities", "value=\"programme\"",
                "value=\"assessment:relationship:pre\"", "value=\"assessment:relationship:post\"");
        assertThat(picker.body()).as("nothing placed in this course yet").doesNotContain("id=\"placed-already\"");

        LtiBrowser.Response answer = trainer.browser.postForm("place", formOf("s", trainer.token, "pack", "starter",
                "item", "programme", "assessments", "completion", "version", "latest"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        String returnUrl = platform.issuer() + "/deep-links/return";
        assertThat(field(answer.body(), "action", "form id=\"autopost\" method=\"post\"")).isEqualTo(returnUrl);
        assertThat(answer.header("Content-Security-Policy").orElseThrow())
                .as("the page may post to the platform").contains("form-action 'self'").contains(platform.origin());
        SignedJWT jwt = SignedJWT.parse(value(answer.body(), "JWT"));
        JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
        assertThat(jwt.verify(new RSASSAVerifier(published.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
                .as("signed with a key Tandem publishes").isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(platform.clientId());
        assertThat(claims.getAudience()).containsExactly(platform.issuer());
        assertThat(claims.getExpirationTime()).isAfter(new java.util.Date());
        assertThat(claims.getStringClaim("nonce")).isNotBlank();
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type")).isEqualTo("LtiDeepLinkingResponse");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/version")).isEqualTo("1.3.0");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id")).isEqualTo(platform.deploymentId());
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo("opaque-platform-data");
        List<Object> items = claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
        int expected = 2 * STARTER.instruments().size() + STARTER.modules().size() + STARTER.scenarios().size();
        assertThat(items).hasSize(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) items.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) items.get(expected - 1);
        assertThat(first).containsEntry("type", "ltiResourceLink").containsEntry("url", tandem("/lti/launch"));
        assertThat(first.get("custom")).isEqualTo(Map.of("tandem_activity", "assessment:relationship", "tandem_phase", "pre",
                "tandem_pack", "starter", "tandem_version", "latest", "tandem_grade", "completion"));
        assertThat(first.get("lineItem")).isEqualTo(Map.of("scoreMaximum", 100.0, "label", first.get("title"),
                "resourceId", "assessment:relationship:pre", "tag", "tandem"));
        assertThat(last.get("custom").toString()).contains("tandem_phase=post");
        assertThat(items).allSatisfy(i -> assertThat(((Map<?, ?>) i).get("lineItem")).isNotNull());
    }

    @Test
    void placingActivitiesTheCourseAlreadyHasWarnsTheTrainer() throws Exception {
        String context = "course-twice";
        Module module = STARTER.modules().get(0);
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-module", ags.existingLineItem(context, module.title(), "module:" + module.id()),
                Map.of("tandem_activity", "module:" + module.id()));

        LtiBrowser.Response picker = trainer.launchDeepLinking(t -> t);

        assertThat(picker.status()).as("%s", picker).isEqualTo(200);
        String warning = Person.unescape(picker.body().substring(picker.body().indexOf("id=\"placed-already\"")));
        assertThat(warning).startsWith("id=\"placed-already\"")
                .contains("already has graded Tandem links for 1 of these activities", module.title(), "a second gradebook column");
    }

    @Test
    void aLearnerCannotOpenThePicker() throws Exception {
        Person learner = learner("course-dl-learner", "manager");
        LtiBrowser.Response picker = learner.launchDeepLinking(t -> t.roles(TestPlatform.ROLE_LEARNER));

        assertThat(picker.status()).as("%s", picker).isEqualTo(403);
        assertThat(picker.body()).contains("This page is for trainers");
        assertThat(learner.browser.postForm("place", formOf("s", learner.token, "item", "programme")).status()).isEqualTo(403);
    }

    @Test
    void cancellingAnswersWithAnEmptyResponse() throws Exception {
        Person trainer = trainer("course-cancel");
        trainer.launchDeepLinking(t -> t);

        LtiBrowser.Response answer = trainer.browser.postForm("place", formOf("s", trainer.token, "action", "cancel"));

        assertThat(answer.status()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(value(answer.body(), "JWT")).getJWTClaimsSet();
        assertThat(claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")).isEmpty();
    }

    // ---------------------------------------------------------------- scores

    @Test
    void scoreReachesTheLmsWhenTheLearnerCompletesAModule() throws Exception {
        String context = "course-score";
        Module module = STARTER.modules().get(0);
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        Person learner = learner(context, "manager");

        learner.completeModule(module, "link-module", lineItem);

        await(() -> !ags.kept(learner.subject).isEmpty());
        AgsService.Kept kept = ags.kept(learner.subject).get(0);
        assertThat(kept.lineItem()).isEqualTo(lineItem);
        assertThat(kept.query()).as("the line item's query string is kept").isEqualTo("type_id=3");
        assertThat(kept.score().getJsonNumber("scoreGiven").doubleValue()).isEqualTo(100.0);
        assertThat(kept.score().getJsonNumber("scoreMaximum").doubleValue()).isEqualTo(100.0);
        assertThat(kept.score().getString("activityProgress")).isEqualTo("Completed");
        assertThat(kept.score().getString("gradingProgress")).isEqualTo("FullyGraded");
        assertThat(kept.timestamp()).isBefore(Instant.now());

        Person trainer = trainer(context);
        trainer.launchResourceLink("link-module", lineItem, Map.of("tandem_activity", "module:" + module.id()));
        String grades = trainer.page("grades");
        assertThat(grades).contains("Grades and sync", module.title(), "1 sent, 0 pending, 0 failed");
        assertThat(row(grades, learner.subject)).contains("data-sync=\"sent\"", "Completed", "Sent ", "(100 of 100)");
    }

    @Test
    void aCompletionFromTheActivityListCountsForThePlacedLinkAndAReplayNeverLowersIt() throws Exception {
        String context = "course-list";
        Module module = STARTER.modules().stream().filter(m -> m.knowledgeChecks() > 0).findFirst().orElseThrow();
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        Person learner = learner(context, "manager");

        // the learner opens Tandem from a link that names no activity and does the module from the list
        learner.open(learner.launchResourceLink("link-home", null, Map.of()));
        learner.completeModuleFromTheList(module);
        assertThat(learner.page("learn/activities")).as("no graded link of the module has been opened yet")
                .doesNotContain("Your result goes to the course gradebook");

        // opening the placed, graded link of that module sends the result earned elsewhere
        learner.launchResourceLink("link-module", lineItem, Map.of("tandem_activity", "module:" + module.id()));
        await(() -> ags.kept(learner.subject).size() == 1);
        assertThat(ags.kept(learner.subject).get(0).score().getJsonNumber("scoreGiven").doubleValue()).isEqualTo(100.0);
        assertThat(learner.page("learn/activities")).contains("Your result goes to the course gradebook: Link link-module");

        // a replay with every check wrong leaves the grade alone (highest result by default) ...
        learner.restartAndCompleteModule(module, false);
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-module", lineItem, Map.of("tandem_activity", "module:" + module.id()));
        String grades = trainer.page("grades");
        assertThat(grades).contains("value=\"highest\" checked");
        assertThat(grades).as("the lower replay queued nothing").contains("1 sent, 0 pending, 0 failed");
        assertThat(row(grades, learner.subject)).contains("data-sync=\"sent\"", "(100 of 100)");
        assertThat(ags.kept(learner.subject)).hasSize(1);

        // ... until the trainer grades the latest attempt: then the lower result is sent
        LtiBrowser.Response latest = trainer.browser.postForm("grades/attempts", formOf("s", trainer.token,
                "column", columnOf(grades), "attempts", "latest"));
        assertThat(latest.status()).isEqualTo(303);
        await(() -> ags.kept(learner.subject).size() == 2);
        assertThat(ags.kept(learner.subject).get(1).score().getJsonNumber("scoreGiven").doubleValue()).isLessThan(100.0);
        assertThat(trainer.page("grades")).contains("value=\"latest\" checked");

        LtiBrowser.Response unknown = trainer.browser.postForm("grades/attempts", formOf("s", trainer.token,
                "column", columnOf(grades), "attempts", "best-of-three"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Choose which attempt is graded");
    }

    @Test
    void aClassOpeningANewLinkAtOnceAllGetIn() throws Exception {
        // a class of 32 (twice the database connections Tandem has) opens one new link of a new
        // course at once: every first launch races to create the link's grade column, the course's
        // roster row and its own member row; none may fail on another's write, nor wait for a
        // second connection while holding one (issue 13: that deadlocked the pool for a minute)
        String context = "course-class";
        Module module = STARTER.modules().get(0);
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        List<Person> learners = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            learners.add(learner(context, i % 2 == 0 ? "manager" : "clinician"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LtiBrowser.Response>> launches = new ArrayList<>();
            for (Person p : learners) {
                launches.add(pool.submit(() -> {
                    start.await();
                    return p.launchResourceLink("link-class", lineItem, Map.of("tandem_activity", "module:" + module.id()));
                }));
            }
            start.countDown();
            for (Future<LtiBrowser.Response> launch : launches) {
                assertThat(launch.get().status()).isIn(200, 303);
            }
        } finally {
            pool.shutdownNow();
        }
        learners.get(0).completeModule(module, "link-class", lineItem);
        await(() -> ags.kept(learners.get(0).subject).size() == 1);
        assertThat(trainer(context).launchResourceLink("link-class", lineItem, Map.of("tandem_activity", "module:" + module.id()))
                .status()).isIn(200, 303);
    }

    @Test
    void lmsDownForThreeTriesThenUpGetsEachScoreOnceAndInOrder() throws Exception {
        String context = "course-down";
        Module module = STARTER.modules().stream().filter(m -> m.knowledgeChecks() > 0).reduce((a, b) -> b).orElseThrow();
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        ags.failNext(3, 503);
        Person learner = learner(context, "clinician");

        // first every check wrong, then all right: the replay is higher, so the column takes it too
        learner.completeModule(module, "link-down", lineItem, false);
        await(() -> ags.scoreCalls() >= 1);
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-down", lineItem, Map.of("tandem_activity", "module:" + module.id()));
        assertThat(row(trainer.page("grades"), learner.subject)).contains("data-sync=\"pending\"", "next try", "HTTP 503");
        learner.restartAndCompleteModule(module);

        await(() -> ags.kept(learner.subject).size() == 2);
        List<AgsService.Kept> kept = ags.kept(learner.subject);
        assertThat(kept.get(0).timestamp()).isBefore(kept.get(1).timestamp());
        assertThat(ags.scoreCalls()).as("three refused, then each score once").isEqualTo(5);
        Thread.sleep(2500);
        assertThat(ags.kept(learner.subject)).hasSize(2);
        assertThat(row(trainer.page("grades"), learner.subject)).contains("data-sync=\"sent\"");
    }

    @Test
    void tokenRefusedIsFailedWithTheLikelyCauseAndRetriedByTheTrainer() throws Exception {
        String context = "course-token";
        Module module = STARTER.modules().get(2);
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        platform.tokenStatus(401);
        Person learner = learner(context, "manager");
        learner.completeModule(module, "link-token", lineItem);
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-token", lineItem, Map.of("tandem_activity", "module:" + module.id()));

        await(() -> row(trainer.page("grades"), learner.subject).contains("data-sync=\"failed\""));
        assertThat(row(trainer.page("grades"), learner.subject))
                .contains("Failed", "did not accept Tandem", "public key or JWKS URL registered");
        assertThat(ags.scoreCalls()).isZero();

        platform.tokenStatus(200);
        String grades = trainer.page("grades");
        LtiBrowser.Response retry = trainer.browser.postForm("grades/retry", formOf("s", trainer.token,
                "column", columnOf(grades), "learner", learner.subject));
        assertThat(retry.status()).isEqualTo(303);
        await(() -> ags.kept(learner.subject).size() == 1);
        assertThat(row(trainer.page("grades"), learner.subject)).contains("data-sync=\"sent\"");
    }

    @Test
    void linkWithoutALineItemFindsOrCreatesItsColumnOnce() throws Exception {
        String context = "course-create";
        Module module = STARTER.modules().get(0);
        Person first = learner(context, "manager");
        Person second = learner(context, "clinician");

        first.completeModule(module, "link-create", null);
        second.completeModule(module, "link-create", null);

        await(() -> ags.kept().stream().filter(k -> k.userId().equals(first.subject) || k.userId().equals(second.subject)).count() == 2);
        assertThat(ags.created()).hasSize(1);
        AgsService.Created created = ags.created().get(0);
        assertThat(created.body().getString("resourceId")).isEqualTo("module:" + module.id());
        assertThat(created.body().getString("tag")).isEqualTo("tandem");
        assertThat(created.body().getString("resourceLinkId")).isEqualTo("link-create");
        assertThat(created.body().getJsonNumber("scoreMaximum").doubleValue()).isEqualTo(100.0);
        assertThat(ags.kept(first.subject).get(0).lineItem()).isEqualTo(created.id());
        assertThat(ags.kept(second.subject).get(0).lineItem()).isEqualTo(created.id());
    }

    @Test
    void aUserThePlatformRefusesIsFailedWithItsAnswerNotRetriedForever() throws Exception {
        String context = "course-canvas";
        Module module = STARTER.modules().get(1);
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        Person testStudent = learner(context, "other");
        ags.refuse(testStudent.subject, 422);

        testStudent.completeModule(module, "link-canvas", lineItem);
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-canvas", lineItem, Map.of("tandem_activity", "module:" + module.id()));

        await(() -> row(trainer.page("grades"), testStudent.subject).contains("data-sync=\"failed\""));
        assertThat(row(trainer.page("grades"), testStudent.subject)).contains("HTTP 422", "not a student", "test student");
        int calls = ags.scoreCalls();
        Thread.sleep(3000);
        assertThat(ags.scoreCalls()).as("a refusal is not retried").isEqualTo(calls);
    }

    @Test
    void revokedDeploymentStopsDeliveriesWithAReason() throws Exception {
        String context = "course-revoked";
        Module module = STARTER.modules().get(2);
        String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
        Person trainer = trainer(context);
        trainer.launchResourceLink("link-revoked", lineItem, Map.of("tandem_activity", "module:" + module.id()));
        Person learner = learner(context, "manager");
        ags.failNext(1000, 503);
        learner.completeModule(module, "link-revoked", lineItem);
        await(() -> ags.scoreCalls() >= 1);

        HttpResponse<String> removed = admin("DELETE", "admin/api/platforms/" + platformId + "/deployments/"
                + platform.deploymentId(), null);
        assertThat(removed.statusCode()).as(removed.body()).isIn(200, 204);
        ags.failNext(0, 503);

        await(() -> row(trainer.page("grades"), learner.subject).contains("data-sync=\"failed\""));
        assertThat(row(trainer.page("grades"), learner.subject)).contains("no longer registered", "stopped sending");
        assertThat(ags.kept(learner.subject)).isEmpty();
    }

    @Test
    void trainerSwitchesAnAssessmentToItsScoreAndResultsAreSentAgain() throws Exception {
        String context = "course-mode";
        String lineItem = ags.existingLineItem(context, "Relationship (before)", "assessment:relationship:pre");
        Person trainer = trainer(context);
        Map<String, String> custom = Map.of("tandem_activity", "assessment:relationship", "tandem_phase", "pre");
        trainer.launchResourceLink("link-pre", lineItem, custom);
        String grades = trainer.page("grades");
        assertThat(grades).contains("value=\"completion\" checked");
        Person learner = learner(context, "manager");
        learner.submitAssessment("link-pre", lineItem, custom);
        await(() -> ags.kept(learner.subject).size() == 1);
        assertThat(ags.kept(learner.subject).get(0).score().getString("comment")).contains("completion");

        LtiBrowser.Response switched = trainer.browser.postForm("grades/mode", formOf("s", trainer.token,
                "column", columnOf(trainer.page("grades")), "mode", "score"));
        assertThat(switched.status()).isEqualTo(303);

        await(() -> ags.kept(learner.subject).size() == 2);
        assertThat(ags.kept(learner.subject).get(1).score().getString("comment")).contains("Assessment total");
        assertThat(trainer.page("grades")).contains("value=\"score\" checked");
    }

    @Test
    void trainerPagesRefuseLearners() throws Exception {
        Person learner = learner("course-refuse", "manager");
        learner.launchResourceLink("link-x", null, Map.of());

        LtiBrowser.Response grades = learner.browser.get("grades?s=" + learner.token);
        assertThat(grades.status()).isEqualTo(403);
        assertThat(learner.browser.postForm("grades/resend-all", formOf("s", learner.token, "column", "1")).status())
                .isEqualTo(403);
    }

    // ---------------------------------------------------------------- people

    private Person learner(String context, String group) {
        return new Person(base, platform, ags, context, TestPlatform.ROLE_LEARNER, group);
    }

    private Person trainer(String context) {
        return new Person(base, platform, ags, context, TestPlatform.ROLE_INSTRUCTOR, null);
    }

    // ---------------------------------------------------------------- helpers

    private String tandem(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root).resolve(path.startsWith("/") ? path.substring(1) : path).toString();
    }

    private static String value(String body, String name) {
        return Person.value(body, name);
    }

    private static String field(String body, String attribute, String after) {
        int at = body.indexOf(after);
        assertThat(at).as(after + " in\n" + body).isNotNegative();
        Matcher m = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(body.substring(at));
        assertThat(m.find()).isTrue();
        return unescape(m.group(1));
    }

    private static String unescape(String s) {
        return Person.unescape(s);
    }

    /** The row of the sync table for one learner. */
    private static String row(String grades, String subject) {
        Matcher m = Pattern.compile("<tr data-learner=\"" + Pattern.quote(subject) + "\".*?</tr>", Pattern.DOTALL).matcher(grades);
        return m.find() ? m.group() : "(no row for " + subject + ")\n" + grades;
    }

    private static String columnOf(String grades) {
        return value(grades, "column");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(tandem(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tandem(path))).header("Authorization", ADMIN)
                .header("Origin", base.getProtocol() + "://" + base.getAuthority());
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
