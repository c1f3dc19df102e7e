package org.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;

/**
 * Hostile input through real HTTP, from the launches of two platforms (two tenants) and from the
 * administrator's side: what a launch may put into other pages' headers, what a cross-site page
 * may make an administrator's browser do, password guessing, and input that used to answer 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String PASSWORD = "it-admin-secret";
    private static final String ADMIN = basic("admin", PASSWORD);

    private static TestPlatform moodle;
    private static TestPlatform canvas;

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatforms() {
        moodle = TestPlatform.start();
        canvas = TestPlatform.builder().deploymentPolicy("ADMIT_NEW").start();
    }

    @AfterAll
    static void stopPlatforms() {
        moodle.close();
        canvas.close();
    }

    @BeforeEach
    void register() {
        for (TestPlatform p : new TestPlatform[]{moodle, canvas}) {
            HttpResponse<String> registered = admin("POST", "admin/api/platforms", "application/json", p.registrationJson(), null);
            assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
        }
    }

    // ----- Content-Security-Policy: per platform, nothing but origins -----------------------------

    @Test
    void aLaunchCannotWriteIntoThePolicyOfAnyPage() {
        for (String hostile : new String[]{"https://x%20*/", "https://a;sandbox/", "https://x%20'unsafe-inline'/"}) {
            LtiBrowser.Response page = sessionPage(moodle, t -> t.launchPresentation("iframe", hostile, "en-GB"));
            assertThat(page.headers().allValues("Content-Security-Policy")).as("one policy: browsers enforce every one sent")
                    .hasSize(1);
            String policy = page.header("Content-Security-Policy").orElseThrow();
            assertThat(policy).as("learned from %s", hostile)
                    .contains("frame-ancestors 'self' " + moodle.origin())
                    .doesNotContain("*").doesNotContain("sandbox").doesNotContain("unsafe-inline").doesNotContain("%");
        }
    }

    @Test
    void eachPlatformsPagesMayBeFramedByThatPlatformOnly() {
        String learned = "https://courses-" + System.nanoTime() + ".instructure.example";
        LtiBrowser.Response canvasPage = sessionPage(canvas, t -> t.launchPresentation("iframe", learned + "/courses/1", "en"));
        LtiBrowser.Response moodlePage = sessionPage(moodle, UnaryOperator.identity());

        String canvasPolicy = canvasPage.header("Content-Security-Policy").orElseThrow();
        String moodlePolicy = moodlePage.header("Content-Security-Policy").orElseThrow();
        assertThat(ancestors(canvasPolicy)).contains("'self'", canvas.origin(), learned).doesNotContain(moodle.origin());
        assertThat(ancestors(moodlePolicy)).contains("'self'", moodle.origin()).doesNotContain(canvas.origin(), learned);

        LtiBrowser.Response home = new LtiBrowser(base).get("");
        assertThat(ancestors(home.header("Content-Security-Policy").orElseThrow()))
                .as("a page of no platform: Tandem only").isEqualTo("'self'");
        LtiBrowser.Response ended = new LtiBrowser(base).get("app/home?s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ancestors(ended.header("Content-Security-Policy").orElseThrow()))
                .as("the ended-session message shows inside any LMS frame").isEqualTo("*");
    }

    // ----- the admin API: no cross-site writes, no password guessing -----------------------------

    @Test
    void theAdminApiRefusesWritesACrossSitePageCanMakeABrowserSend() {
        String keysBefore = new LtiBrowser(base).get(".well-known/jwks.json").body();
        String ours = "http://" + base.getHost() + ":" + base.getPort();

        // what a page on another site can send with the browser's cached Basic credentials, no preflight
        assertThat(admin("POST", "admin/api/keys/rotate", "text/plain", "x", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(admin("POST", "admin/api/keys/rotate", "text/plain", "x", null).statusCode()).isEqualTo(415);
        assertThat(admin("POST", "admin/api/keys/rotate", "application/x-www-form-urlencoded", "a=b", null).statusCode())
                .isEqualTo(415);
        assertThat(admin("POST", "admin/api/demo/cohort?managers=1&clinicians=1", "multipart/form-data; boundary=x", "--x--", null)
                .statusCode()).isEqualTo(415);
        assertThat(admin("POST", "admin/api/keys/rotate", "application/json", "", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "admin/api/platforms/1", null, null, "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(new LtiBrowser(base).get(".well-known/jwks.json").body()).as("no key was rotated").isEqualTo(keysBefore);

        // a script or curl (no Origin) and Tandem's own pages (its Origin) are served
        assertThat(admin("POST", "admin/api/keys/rotate", "application/json", "", null).statusCode()).isEqualTo(200);
        assertThat(admin("POST", "admin/api/keys/rotate", "application/json", "", ours).statusCode()).isEqualTo(200);
    }

    @Test
    void passwordGuessingIsSlowedDownAndThePasswordIsNoToken() throws Exception {
        assertThat(send(HttpRequest.newBuilder(tandem("admin/api/platforms")).header("Authorization", "Bearer " + PASSWORD)
                .GET()).statusCode()).as("the password is not a Bearer token").isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            assertThat(get("admin/api/platforms", basic("admin", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = get("admin/api/platforms", ADMIN);
        assertThat(locked.statusCode()).as("locked out, even with the right password").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(new LtiBrowser(base).get("admin").status()).as("the admin page too").isEqualTo(429);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()) + 1).toMillis());
        assertThat(get("admin/api/platforms", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("admin/api/platforms", basic("admin", "one-more-guess")).statusCode())
                .as("a success starts the address afresh").isEqualTo(401);
        assertThat(get("admin/api/platforms", ADMIN).statusCode()).isEqualTo(200);
    }

    // ----- bad input: a clear answer, never a 500 --------------------------------------------------

    @Test
    void launchClaimsOfTheWrongTypeOrTooLongAreRefusedWithTheirReason() {
        for (UnaryOperator<TestPlatform.IdToken> hostile : java.util.List.<UnaryOperator<TestPlatform.IdToken>>of(
                t -> t.claim(TestPlatform.ROLES, TestPlatform.ROLE_LEARNER),
                t -> t.claim(TestPlatform.CONTEXT, "course-1"),
                t -> t.claim(TestPlatform.CUSTOM, java.util.List.of("a=b")),
                t -> t.subject("s".repeat(256)),
                t -> t.claim(TestPlatform.AGS_ENDPOINT, Map.of("scope", java.util.List.of(), "lineitem",
                        "https://lms.example/" + "l".repeat(2000))))) {
            LtiBrowser.Response refused = launch(moodle, hostile);
            assertThat(refused.status()).as("%s", refused).isEqualTo(400);
            assertThat(refused.body()).contains("CLAIM_VALUES");
        }
    }

    @Test
    void longNamesAndTitlesAreShortenedAndTheLaunchGoesOn() {
        LtiBrowser.Response launched = launch(moodle, t -> t.person("N".repeat(600), "F".repeat(600), "e".repeat(600) + "@x.example")
                .resourceLink("link-long", "T".repeat(700)).context("course-long", "L".repeat(600), "C".repeat(600)));
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);

        JsonObject record = json(get("admin/api/launches?limit=1", ADMIN).body()).asJsonArray().getJsonObject(0);
        assertThat(record.getBoolean("accepted")).isTrue();
        assertThat(record.getString("reason")).contains("shortened");
    }

    @Test
    void loginValuesLongerThanTandemKeepsAreRefusedButGenerousHintsPass() {
        Map<String, String> login = formOf("iss", moodle.issuer(), "login_hint", "h", "target_link_uri",
                tandem("lti/launch").toString(), "client_id", moodle.clientId(), "lti_deployment_id", moodle.deploymentId(),
                "lti_message_hint", "m".repeat(2048));
        assertThat(new LtiBrowser(base).loginGet(login).status()).as("a 2 kB lti_message_hint").isEqualTo(302);

        login.put("login_hint", "h".repeat(1025));
        LtiBrowser.Login refused = new LtiBrowser(base).loginGet(login);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("login_hint is 1025 characters long");
    }

    @Test
    void adminInputThatUsedToAnswer500GetsItsReason() {
        HttpResponse<String> limit = get("admin/api/launches?limit=-1", ADMIN);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("limit");

        String skew = moodle.registrationJson().replaceFirst("\"clock_skew_seconds\"\\s*:\\s*\\d+", "\"clock_skew_seconds\":1e400");
        assertThat(skew).contains("1e400");
        HttpResponse<String> refusedSkew = admin("POST", "admin/api/platforms", "application/json", skew, null);
        assertThat(refusedSkew.statusCode()).isEqualTo(400);
        assertThat(refusedSkew.body()).contains("clock_skew_seconds");

        // the admin page's form, with its CSRF token, as a browser sends it
        String page = send(HttpRequest.newBuilder(tandem("admin")).header("Authorization", ADMIN).GET()).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        Matcher platform = Pattern.compile("name=\"platform\" value=\"(\\d+)\"").matcher(page);
        assertThat(csrf.find() && platform.find()).isTrue();
        HttpResponse<String> added = send(HttpRequest.newBuilder(tandem("admin/deployments")).header("Authorization", ADMIN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&platform=" + platform.group(1)
                        + "&deployment_id=" + "d".repeat(300))));
        assertThat(added.statusCode()).isEqualTo(400);
        assertThat(added.body()).contains("300 characters long");

        assertThat(new LtiBrowser(base).get("application.wadl").status()).as("no public map of the API").isEqualTo(404);
    }

    // ----- helpers -------------------------------------------------------------------------------

    /** A learner's launch on this platform and the page it lands on. */
    private LtiBrowser.Response sessionPage(TestPlatform platform, UnaryOperator<TestPlatform.IdToken> claims) {
        LtiBrowser browser = new LtiBrowser(base);
        LtiBrowser.Response launched = launch(browser, platform, claims);
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);
        LtiBrowser.Response page = browser.get(launched.location().orElseThrow().toString());
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page;
    }

    private LtiBrowser.Response launch(TestPlatform platform, UnaryOperator<TestPlatform.IdToken> claims) {
        return launch(new LtiBrowser(base), platform, claims);
    }

    private LtiBrowser.Response launch(LtiBrowser browser, TestPlatform platform, UnaryOperator<TestPlatform.IdToken> claims) {
        String launchUrl = tandem("lti/launch").toString();
        LtiBrowser.Login login = browser.loginGet(formOf("iss", platform.issuer(), "login_hint", "hint",
                "target_link_uri", launchUrl, "client_id", platform.clientId(), "lti_deployment_id", platform.deploymentId()));
        assertThat(login.status()).as("%s", login).isEqualTo(302);
        TestPlatform.IdToken token = platform.idToken(login.nonce()).targetLinkUri(launchUrl)
                .subject("learner-" + System.nanoTime()).roles(TestPlatform.ROLE_LEARNER);
        return browser.launch(claims.apply(token).build(), login.state());
    }

    private static String ancestors(String policy) {
        Matcher m = Pattern.compile("frame-ancestors ([^;]*)").matcher(policy);
        assertThat(m.find()).as(policy).isTrue();
        return m.group(1).trim();
    }

    private URI tandem(String path) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    private HttpResponse<String> get(String path, String authorization) {
        return send(HttpRequest.newBuilder(tandem(path)).header("Authorization", authorization).GET());
    }

    private HttpResponse<String> admin(String method, String path, String contentType, String body, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tandem(path)).header("Authorization", ADMIN);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static jakarta.json.JsonValue json(String body) {
        return Json.createReader(new StringReader(body)).readValue();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
