package org.tandem.lti.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.tandem.lti.launch.control.LaunchCheck;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.OpaqueValues;
import org.tandem.lti.testing.TestPlatform;

/**
 * The LTI 1.3 launch end to end, through real HTTP the way an LMS and a browser drive it: login
 * initiation, the redirect to the platform, the id_token form_post, the landing page, and every
 * way a launch is refused, each with the status of the check that refused it and its diagnostics
 * record. The platform is {@link TestPlatform}, a real one listening on a loopback port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LaunchIT {

    private static final String ADMIN_PASSWORD = "it-admin-secret";
    /** tandem.lti.jwks-min-refetch-seconds in arquillian.xml is 2. */
    private static final Duration PAST_REFETCH_INTERVAL = Duration.ofMillis(2500);

    private static TestPlatform platform;

    @ArquillianResource
    URL base;

    private final HttpClient admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LtiBrowser browser;
    private long platformId;

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @BeforeEach
    void registerPlatform() {
        browser = new LtiBrowser(base);
        // registering an issuer + client_id again updates it, so every test may rely on it
        platformId = register(platform);
    }

    // ----- accepted launches ------------------------------------------------------------------

    @Test
    void launchesLearnerStartedByGetLogin() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        assertThat(login.status()).as("%s", login).isEqualTo(302);
        LtiBrowser.AuthRequest auth = login.authRequest();
        assertThat(auth.endpoint()).isEqualTo(platform.authUrl());
        assertThat(auth.scope()).isEqualTo("openid");
        assertThat(auth.responseType()).isEqualTo("id_token");
        assertThat(auth.responseMode()).isEqualTo("form_post");
        assertThat(auth.prompt()).isEqualTo("none");
        assertThat(auth.clientId()).isEqualTo(platform.clientId());
        assertThat(auth.redirectUri()).isEqualTo(launchUrl());
        assertThat(auth.loginHint()).isEqualTo("login-hint-ada");
        assertThat(auth.ltiMessageHint()).isEqualTo("message-hint-42");
        assertThat(auth.state()).isNotBlank();
        assertThat(auth.nonce()).isNotBlank().isNotEqualTo(auth.state());
        String setCookie = login.setCookies().stream().filter(h -> h.startsWith("lti_state_" + auth.state() + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no state cookie in " + login.setCookies()));
        LtiBrowser.Cookie cookie = LtiBrowser.Cookie.parse(setCookie);
        assertThat(cookie.value()).isEqualTo(auth.state());
        assertThat(cookie.path()).isEqualTo("/lti/launch");
        assertThat(cookie.has("Secure")).isTrue();
        assertThat(cookie.has("HttpOnly")).isTrue();
        assertThat(cookie.attribute("SameSite")).hasValueSatisfying(v -> assertThat(v).isEqualToIgnoringCase("None"));
        assertThat(cookie.has("Partitioned")).isTrue();

        LtiBrowser.Response launch = browser.launch(token(platform, login).build(), auth.state());

        assertThat(launch.status()).as("%s", launch).isEqualTo(303);
        URI landing = launch.location().orElseThrow();
        assertThat(landing.getPath()).isEqualTo("/app/home");
        assertThat(landing.getQuery()).startsWith("s=");
        LtiBrowser.Response home = browser.get(landing.toString());
        assertThat(home.status()).as("%s", home).isEqualTo(200);
        assertThat(home.body()).contains("Ada Lovelace", "Learner", "Working Together in Healthcare");

        JsonObject record = latestLaunch(platformId);
        assertThat(record.getBoolean("accepted")).isTrue();
        assertThat(record.getJsonObject("checks").keySet()).isNotEmpty();
        for (LaunchCheck check : LaunchCheck.values()) {
            assertThat(record.getJsonObject("checks").getString(check.name(), null)).as(check.name()).isEqualTo("PASSED");
        }
    }

    @Test
    void launchesTrainerStartedByPostLogin() {
        LtiBrowser.Login login = browser.loginPost(loginParams(platform));
        assertThat(login.status()).as("%s", login).isEqualTo(302);

        LtiBrowser.Response launch = browser.launch(token(platform, login)
                .person("Florence", "Nightingale", "florence@example.org")
                .roles(TestPlatform.ROLE_INSTRUCTOR)
                .context("course-77", "MGMT2", "Managing Clinical Services")
                .build(), login.state());

        assertThat(launch.status()).as("%s", launch).isEqualTo(303);
        LtiBrowser.Response home = browser.get(launch.location().orElseThrow().toString());
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Florence Nightingale", "Trainer", "Managing Clinical Services");
    }

    @Test
    void acceptsCanvasDeploymentIdParameterAtLogin() {
        Map<String, String> canvas = formOf(
                "iss", platform.issuer(),
                "login_hint", "canvas-login-hint",
                "target_link_uri", launchUrl(),
                "lti_message_hint", "canvas-message-hint",
                "client_id", platform.clientId(),
                "deployment_id", platform.deploymentId(),
                "canvas_region", "not_configured");

        // the deployment read from Canvas's parameter is carried into the new-window relaunch
        LtiBrowser.Login cookieless = browser.loginGet(canvas);
        LtiBrowser.Response refused = browser.launchWithoutCookie(token(platform, cookieless).build(), cookieless.state());
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.body()).contains("lti_deployment_id=" + platform.deploymentId());

        LtiBrowser.Login login = browser.loginGet(canvas);
        LtiBrowser.Response launch = browser.launch(token(platform, login).build(), login.state());
        assertThat(launch.status()).as("%s", launch).isEqualTo(303);
        assertThat(browser.get(launch.location().orElseThrow().toString()).status()).isEqualTo(200);
    }

    @Test
    void passesOpaquePlatformValuesThroughByteForByte() {
        // Security Framework §5.1.1.2: login_hint and lti_message_hint go back to the platform as
        // it sent them. Moodle's message hint is JSON: through UriBuilder it made every login a 500.
        String deployment = "5:d3a2504b {dep} 100% a+b&c=d é";
        try (TestPlatform awkward = TestPlatform.builder().clientId("client {1} %41 a+b&c=d é").deploymentId(deployment)
                .start()) {
            long id = register(awkward);
            for (Map.Entry<String, String> value : OpaqueValues.all().entrySet()) {
                String hint = value.getValue();
                // the login_hint column holds 1,024 characters; bounding longer ones is issue 12's
                String loginHint = hint.length() > 1024 ? "login " + value.getKey() + " {é} %41+&" : hint;
                Map<String, String> params = formOf("iss", awkward.issuer(), "login_hint", loginHint,
                        "target_link_uri", launchUrl(), "lti_message_hint", hint, "client_id", awkward.clientId(),
                        "lti_deployment_id", deployment);

                for (LtiBrowser.Login login : List.of(browser.loginGet(params), browser.loginPost(params))) {
                    assertThat(login.status()).as("%s: %s", value.getKey(), login).isEqualTo(302);
                    assertCarried(login.authRequest(), awkward, loginHint, hint, value.getKey());
                }

                // the new-window relaunch after the state cookie was lost starts the same login again
                LtiBrowser.Login lost = browser.loginPost(params);
                LtiBrowser.Response refused = browser.launchWithoutCookie(token(awkward, lost).deploymentId(deployment)
                        .build(), lost.state());
                assertThat(refused.status()).as("%s: %s", value.getKey(), refused).isEqualTo(401);
                URI relaunch = URI.create(htmlAttribute(refused.body(), "href=\"([^\"]*lti/login\\?[^\"]*)\""));
                Map<String, String> relaunchParams = LtiBrowser.AuthRequest.of(relaunch).params();
                assertThat(relaunchParams).as(value.getKey()).containsEntry("lti_message_hint", hint)
                        .containsEntry("login_hint", loginHint).containsEntry("client_id", awkward.clientId())
                        .containsEntry("lti_deployment_id", deployment);
                LtiBrowser.Login again = new LtiBrowser.Login(new LtiBrowser(base).get(relaunch.toString()));
                assertCarried(again.authRequest(), awkward, loginHint, hint, value.getKey());

                // with platform storage the login answers a page that goes on to the same request
                Map<String, String> storage = new java.util.LinkedHashMap<>(params);
                storage.put("lti_storage_target", "post_message_forwarding");
                LtiBrowser.Login stored = browser.loginPost(storage);
                assertThat(stored.status()).as("%s: %s", value.getKey(), stored).isEqualTo(200);
                assertCarried(LtiBrowser.AuthRequest.of(URI.create(htmlAttribute(stored.body(), "data-next=\"([^\"]*)\""))),
                        awkward, loginHint, hint, value.getKey());
            }

            // and a launch with these values is accepted, its deployment recorded as sent
            LtiBrowser.Login login = browser.loginPost(formOf("iss", awkward.issuer(), "login_hint", "{\"user\":3}",
                    "target_link_uri", launchUrl(), "lti_message_hint", OpaqueValues.MOODLE_RESOURCE_LINK_HINT,
                    "client_id", awkward.clientId(), "lti_deployment_id", deployment));
            LtiBrowser.Response launch = browser.launch(token(awkward, login).deploymentId(deployment).build(), login.state());
            assertThat(launch.status()).as("%s", launch).isEqualTo(303);
            JsonObject record = latestLaunch(id);
            assertThat(record.getBoolean("accepted")).isTrue();
            assertThat(record.getString("client_id")).isEqualTo(awkward.clientId());
            assertThat(record.getString("deployment_id")).isEqualTo(deployment);
        }
    }

    private static void assertCarried(LtiBrowser.AuthRequest auth, TestPlatform p, String loginHint, String messageHint,
                                      String what) {
        assertThat(auth.endpoint()).isEqualTo(p.authUrl());
        assertThat(auth.loginHint()).as("login_hint: %s", what).isEqualTo(loginHint);
        assertThat(auth.ltiMessageHint()).as("lti_message_hint: %s", what).isEqualTo(messageHint);
        assertThat(auth.clientId()).as("client_id: %s", what).isEqualTo(p.clientId());
    }

    /** The first group of the pattern in an HTML page, attribute escaping undone. */
    private static String htmlAttribute(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as("%s in %s", regex, html).isTrue();
        return m.group(1).replace("&#61;", "=").replace("&#34;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void acceptsRotatedPlatformKeyAfterRefetchingJwks() throws Exception {
        try (TestPlatform rotating = TestPlatform.start()) {
            long rotatingId = register(rotating);
            LtiBrowser.Login first = browser.loginGet(loginParams(rotating));
            assertThat(browser.launch(token(rotating, first).build(), first.state()).status()).isEqualTo(303);
            assertThat(rotating.jwksRequests()).isEqualTo(1);

            rotating.rotateKey();
            Thread.sleep(PAST_REFETCH_INTERVAL.toMillis());
            LtiBrowser.Login second = browser.loginGet(loginParams(rotating));
            LtiBrowser.Response launch = browser.launch(token(rotating, second).build(), second.state());

            assertThat(launch.status()).as("%s", launch).isEqualTo(303);
            assertThat(rotating.jwksRequests()).isEqualTo(2);

            // right after a fetch, an unknown kid does not make Tandem ask the platform again
            LtiBrowser.Login third = browser.loginGet(loginParams(rotating));
            LtiBrowser.Response forged = browser.launch(token(rotating, third).signedWithUnpublishedKey().build(),
                    third.state());
            assertRejected(forged, LaunchCheck.SIGNATURE, rotatingId);
            assertThat(rotating.jwksRequests()).isEqualTo(2);
        }
    }

    @Test
    void admitsNewDeploymentUnderAdmitNewPolicy() {
        try (TestPlatform canvas = TestPlatform.builder().deploymentPolicy("ADMIT_NEW").start()) {
            long id = register(canvas);
            String newDeployment = "sub-account-" + UUID.randomUUID();
            Map<String, String> params = loginParams(canvas);
            params.put("lti_deployment_id", newDeployment);

            LtiBrowser.Login login = browser.loginGet(params);
            LtiBrowser.Response launch = browser.launch(token(canvas, login).deploymentId(newDeployment).build(),
                    login.state());

            assertThat(launch.status()).as("%s", launch).isEqualTo(303);
            JsonObject record = latestLaunch(id);
            assertThat(record.getBoolean("accepted")).isTrue();
            assertThat(record.getString("deployment_id", null)).isEqualTo(newDeployment);
            // once admitted, the deployment launches again
            LtiBrowser.Login again = browser.loginGet(params);
            assertThat(browser.launch(token(canvas, again).deploymentId(newDeployment).build(), again.state()).status())
                    .isEqualTo(303);
        }
    }

    // ----- login initiation refused -----------------------------------------------------------

    @Test
    void refusesLoginFromUnknownIssuer() {
        String stranger = "https://lms.unknown.example/issuer-" + UUID.randomUUID();
        Map<String, String> params = loginParams(platform);
        params.put("iss", stranger);

        LtiBrowser.Login login = browser.loginGet(params);

        assertThat(login.status()).as("%s", login).isEqualTo(400);
        assertThat(login.response().contentType()).startsWith("text/html");
        assertThat(login.body()).contains(stranger);
        assertThat(login.setCookies()).noneMatch(c -> c.startsWith("lti_state_"));
    }

    @Test
    void refusesLoginForUnknownClientId() {
        Map<String, String> params = loginParams(platform);
        params.put("client_id", "client-nobody-registered");

        LtiBrowser.Login login = browser.loginPost(params);

        assertThat(login.status()).as("%s", login).isEqualTo(400);
        assertThat(login.body()).contains("client-nobody-registered");
    }

    @Test
    void refusesLoginWhoseTargetIsAnotherHost() {
        Map<String, String> params = loginParams(platform);
        params.put("target_link_uri", "https://evil.example/phish");

        LtiBrowser.Login login = browser.loginGet(params);

        assertThat(login.status()).as("%s", login).isEqualTo(400);
        assertThat(login.response().location()).isEmpty();
    }

    // ----- state --------------------------------------------------------------------------------

    @Test
    void rejectsStateNeverIssued() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).build(), "state-never-issued-" + UUID.randomUUID());

        assertThat(launch.status()).as("%s", launch).isEqualTo(LaunchCheck.STATE.status());
        assertThat(launch.body()).contains(LaunchCheck.STATE.name());
    }

    @Test
    void rejectsTokenPostedWithAnotherLoginsState() {
        LtiBrowser.Login mine = browser.loginGet(loginParams(platform));
        LtiBrowser.Login other = browser.loginGet(loginParams(platform));

        // a genuine token for one login cannot complete another: its nonce belongs to the first
        LtiBrowser.Response launch = browser.launch(token(platform, mine).build(), other.state());

        assertRejected(launch, LaunchCheck.NONCE, platformId);
    }

    @Test
    void rejectsLaunchWithoutStateCookieAndOffersNewWindow() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launchWithoutCookie(token(platform, login).build(), login.state());

        assertThat(launch.status()).as("%s", launch).isEqualTo(LaunchCheck.STATE_BINDING.status());
        assertThat(launch.body()).contains("target=\"_blank\"").contains("lti/login?");
        assertThat(latestLaunch(platformId).getString("failed_check", null)).isEqualTo(LaunchCheck.STATE_BINDING.name());
    }

    @Test
    void rejectsReplayedLaunch() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));
        String idToken = token(platform, login).build();
        assertThat(browser.launch(idToken, login.state()).status()).isEqualTo(303);

        LtiBrowser.Response replay = browser.launch(idToken, login.state());

        assertRejected(replay, LaunchCheck.NONCE, platformId);
    }

    @Test
    void showsReadablePageForOidcErrorResponse() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response response = browser.postForm("lti/launch", formOf(
                "error", "login_required",
                "error_description", "the platform session cookie was not sent in the frame",
                "state", login.state()));

        assertThat(response.status()).as("%s", response).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("login_required").contains("target=\"_blank\"");
        Matcher link = Pattern.compile("href=\"([^\"]*lti/login\\?[^\"]*)\"").matcher(response.body());
        assertThat(link.find()).as("a link to the login in %s", response.body()).isTrue();
        String href = link.group(1).replace("&amp;", "&").replace("&#38;", "&");
        assertThat(href).contains("iss=").contains("login_hint=login-hint-ada");
        // the link starts the same launch again, in a first-party window
        LtiBrowser.Login relaunch = new LtiBrowser.Login(new LtiBrowser(base).get(href));
        assertThat(relaunch.status()).as("%s", relaunch).isEqualTo(302);
        assertThat(relaunch.authRequest().endpoint()).isEqualTo(platform.authUrl());
    }

    // ----- the id_token checks -----------------------------------------------------------------

    @Test
    void rejectsTokenSignedByUnpublishedKey() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).signedWithUnpublishedKey()
                .headerKid(platform.currentKid()).build(), login.state());

        assertRejected(launch, LaunchCheck.SIGNATURE, platformId);
    }

    @Test
    void rejectsTokenWithoutKidAndSaysSoInTheDiagnostics() {
        // LTI Advantage certification, "No KID Sent in JWT header": the platform publishes one key
        // and that key signed the token, yet Tandem does not guess which key a token means
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).withoutKid().build(), login.state());

        assertRejected(launch, LaunchCheck.KEY_ID, platformId);
        assertThat(launch.body()).contains("no kid");
        JsonObject record = latestLaunch(platformId);
        assertThat(record.getString("reason")).contains("header has no kid");
        assertThat(record.getJsonObject("checks").getString("TOKEN_FORMAT")).isEqualTo("PASSED");
        assertThat(record.getJsonObject("checks").getString("SIGNATURE")).isEqualTo("NOT_REACHED");
    }

    @Test
    void rejectsTokenFromAnotherIssuer() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).issuer("https://impostor.example")
                .build(), login.state());

        assertRejected(launch, LaunchCheck.ISSUER, platformId);
    }

    @Test
    void rejectsTokenForAnotherAudience() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).audience("some-other-tool").build(),
                login.state());

        assertRejected(launch, LaunchCheck.AUDIENCE, platformId);
    }

    @Test
    void rejectsSeveralAudiencesWithoutAuthorizedParty() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login)
                .audience(platform.clientId(), "some-other-tool").build(), login.state());

        assertRejected(launch, LaunchCheck.AUTHORIZED_PARTY, platformId);
    }

    @Test
    void rejectsExpiredToken() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));
        Instant now = Instant.now();

        LtiBrowser.Response launch = browser.launch(token(platform, login).issuedAt(now.minusSeconds(900))
                .expiresAt(now.minusSeconds(300)).build(), login.state());

        assertRejected(launch, LaunchCheck.EXPIRY, platformId);
    }

    @Test
    void rejectsTokenIssuedInTheFuture() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));
        Instant now = Instant.now();

        LtiBrowser.Response launch = browser.launch(token(platform, login).issuedAt(now.plusSeconds(300))
                .expiresAt(now.plusSeconds(900)).build(), login.state());

        assertRejected(launch, LaunchCheck.ISSUED_AT, platformId);
    }

    @Test
    void rejectsUnregisteredDeployment() {
        String unknown = "deployment-nobody-registered";
        Map<String, String> params = loginParams(platform);
        params.put("lti_deployment_id", unknown);
        LtiBrowser.Login login = browser.loginGet(params);

        LtiBrowser.Response launch = browser.launch(token(platform, login).deploymentId(unknown).build(), login.state());

        assertRejected(launch, LaunchCheck.DEPLOYMENT, platformId);
        assertThat(launch.body()).contains("deployment " + unknown + " of " + platform.issuer() + " is not registered");
    }

    @Test
    void rejectsMessageTypeToolDoesNotHandle() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).messageType("LtiSubmissionReviewRequest")
                .build(), login.state());

        assertRejected(launch, LaunchCheck.MESSAGE_TYPE, platformId);
    }

    @Test
    void rejectsVersionOtherThan130() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login).version("1.1").build(), login.state());

        assertRejected(launch, LaunchCheck.VERSION, platformId);
    }

    @Test
    void rejectsLaunchMissingRequiredClaim() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));

        LtiBrowser.Response launch = browser.launch(token(platform, login)
                .without(TestPlatform.RESOURCE_LINK, "id").build(), login.state());

        assertRejected(launch, LaunchCheck.REQUIRED_CLAIMS, platformId);
    }

    @Test
    void diagnosticsRecordWhichCheckFailedAndWhichWereNotReached() {
        LtiBrowser.Login login = browser.loginGet(loginParams(platform));
        browser.launch(token(platform, login).signedWithUnpublishedKey().build(), login.state());

        JsonObject record = latestLaunch(platformId);

        assertThat(record.getBoolean("accepted")).isFalse();
        assertThat(record.getString("failed_check")).isEqualTo("SIGNATURE");
        assertThat(record.getString("reason")).contains(platform.jwksUrl());
        JsonObject checks = record.getJsonObject("checks");
        assertThat(checks.getString("PLATFORM")).isEqualTo("PASSED");
        assertThat(checks.getString("STATE")).isEqualTo("PASSED");
        assertThat(checks.getString("STATE_BINDING")).isEqualTo("PASSED");
        assertThat(checks.getString("TOKEN_FORMAT")).isEqualTo("PASSED");
        assertThat(checks.getString("SIGNATURE")).isEqualTo("FAILED");
        assertThat(checks.getString("ISSUER")).isEqualTo("NOT_REACHED");
        assertThat(checks.getString("NONCE")).isEqualTo("NOT_REACHED");
    }

    // ----- tool keys and admin API -------------------------------------------------------------

    @Test
    void publishesToolPublicKeys() throws Exception {
        LtiBrowser.Response jwks = browser.get(".well-known/jwks.json");

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.contentType()).contains("json");
        JsonArray keys = json(jwks.body()).asJsonObject().getJsonArray("keys");
        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.asJsonObject().getString("kty")).isEqualTo("RSA");
            assertThat(k.asJsonObject().getString("kid")).isNotBlank();
            assertThat(k.asJsonObject().keySet()).doesNotContain("d", "p", "q", "dp", "dq", "qi");
        });
    }

    @Test
    void adminApiRequiresTheAdminCredential() throws Exception {
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(adminUri("admin/api/platforms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(platform.registrationJson()));
        assertThat(admin.send(anonymous.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        HttpRequest wrong = HttpRequest.newBuilder(adminUri("admin/api/launches?platform=" + platformId))
                .header("Authorization", basic("admin", "not-the-password")).GET().build();
        assertThat(admin.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void adminApiRegistersPlatformAndRefusesInvalidOnes() throws Exception {
        try (TestPlatform fresh = TestPlatform.start()) {
            HttpResponse<String> created = adminPost("admin/api/platforms", fresh.registrationJson());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created.body()).asJsonObject().getJsonNumber("id").longValue()).isPositive();
        }
        HttpResponse<String> invalid = adminPost("admin/api/platforms",
                "{\"issuer\":\"not a url\",\"client_id\":\"\",\"deployment_policy\":\"SOMETIMES\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid.body()).asJsonObject().getJsonArray("errors")).isNotEmpty();
    }

    // ----- helpers ----------------------------------------------------------------------------

    private String launchUrl() {
        return browser.base().resolve("lti/launch").toString();
    }

    private Map<String, String> loginParams(TestPlatform p) {
        return formOf(
                "iss", p.issuer(),
                "login_hint", "login-hint-ada",
                "target_link_uri", launchUrl(),
                "lti_message_hint", "message-hint-42",
                "client_id", p.clientId(),
                "lti_deployment_id", p.deploymentId());
    }

    /** The platform's answer to the authentication request Tandem redirected to. */
    private TestPlatform.IdToken token(TestPlatform p, LtiBrowser.Login login) {
        return p.idToken(login.nonce()).targetLinkUri(launchUrl());
    }

    private void assertRejected(LtiBrowser.Response response, LaunchCheck check, long platform) {
        assertThat(response.status()).as("%s", response).isEqualTo(check.status());
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains(check.name());
        JsonObject record = latestLaunch(platform);
        assertThat(record.getBoolean("accepted")).isFalse();
        assertThat(record.getString("failed_check", null)).isEqualTo(check.name());
        assertThat(record.getString("reason", "")).isNotBlank();
        assertThat(record.getJsonObject("checks").getString(check.name())).isEqualTo("FAILED");
    }

    private long register(TestPlatform p) {
        HttpResponse<String> response = adminPost("admin/api/platforms", p.registrationJson());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json(response.body()).asJsonObject().getJsonNumber("id").longValue();
    }

    private JsonObject latestLaunch(long platform) {
        HttpResponse<String> response = adminGet("admin/api/launches?platform=" + platform);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray records = json(response.body()).asJsonArray();
        assertThat(records).as("launch records of platform %s", platform).isNotEmpty();
        return records.getJsonObject(0);
    }

    private HttpResponse<String> adminPost(String path, String json) {
        return send(HttpRequest.newBuilder(adminUri(path))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> adminGet(String path) {
        return send(HttpRequest.newBuilder(adminUri(path))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Accept", "application/json").GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return admin.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI adminUri(String path) {
        return browser.resolve(path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonValue json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }
}
