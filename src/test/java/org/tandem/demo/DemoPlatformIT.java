package org.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandem.Deployments;

/**
 * A person on a fresh install: opens the demo course, launches as each role through the real LTI
 * flow (login initiation, demo authorization endpoint, signed id_token, launch checks) and lands
 * on Tandem's page; the trainer's deep-linking request; the demo's token, AGS and NRPS services
 * as Tandem's own client and a forger meet them; the demo gradebook and its unavailable switch;
 * plus the plumbing around it (health, headers, admin protection).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPlatformIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the probe lets the test drive Tandem's own AGS client against the demo's services
        return Deployments.tandem().addClass(AgsProbeResource.class);
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A browser's cookie jar, enough for the state cookie (Java's CookieManager drops Secure cookies on http). */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Through localhost, as a person on this machine would (Arquillian reports the host's own address). */
    private URI uri(String path) throws Exception {
        return URI.create("http://localhost:" + base.getPort() + "/").resolve(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            cookies.forEach((k, v) -> pairs.add(k + "=" + v));
            request.header("Cookie", String.join("; ", pairs));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), value);
            }
        }
        return response;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("form field " + name).isTrue();
        return m.group(1).replace("&#61;", "=").replace("&amp;", "&");
    }

    /** Follows the launch the way a browser does; returns the landing page. */
    private HttpResponse<String> launchAs(String person) throws Exception {
        HttpResponse<String> course = get(uri("demo"));
        assertThat(course.statusCode()).isEqualTo(200);
        assertThat(course.body()).contains("id=\"launch-" + person + "\"");

        HttpResponse<String> start = get(uri("demo/launch?as=" + person));
        assertThat(start.statusCode()).isEqualTo(302);
        HttpResponse<String> login = get(URI.create(start.headers().firstValue("Location").orElseThrow()));
        URI auth = next(login);
        assertThat(auth.getPath()).isEqualTo("/demo/auth");
        assertThat(cookies).anySatisfy((name, value) -> assertThat(name).startsWith("lti_state_"));

        HttpResponse<String> authorized = get(auth);
        assertThat(authorized.statusCode()).isEqualTo(200);
        String form = "id_token=" + URLEncoder.encode(field(authorized.body(), "id_token"), StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(field(authorized.body(), "state"), StandardCharsets.UTF_8);
        HttpResponse<String> launched = send(HttpRequest.newBuilder(uri("lti/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(303);
        URI home = URI.create(launched.headers().firstValue("Location").orElseThrow());
        assertThat(home.getPath()).isEqualTo("/app/home");
        assertThat(cookies).as("the state cookie is cleared after use").noneSatisfy((name, value) -> assertThat(name).startsWith("lti_state_"));
        return get(home);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "manager, Alex Morgan, Learner",
            "clinician, Dr Priya Shah, Learner",
            "trainer, Sam Taylor, Trainer",
            "evaluator, Jordan Lee, Evaluator"})
    void launchesAsEachDemoPersonAndLandsOnTheirPage(String person, String name, String role) throws Exception {
        HttpResponse<String> home = launchAs(person);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("<dd id=\"who\">" + name + "</dd>")
                .contains("<dd id=\"role\">" + role + "</dd>")
                .contains("Leading Together: managers and clinicians (demo course)");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self'").contains("script-src 'self'");
        assertThat(home.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    /** Login and authorization as the demo manager; returns the auto-post form of the demo platform. */
    private HttpResponse<String> authorizeWithLogin(String extraLoginParams) throws Exception {
        get(uri("demo"));
        String issuer = URLEncoder.encode(uri("demo").toString(), StandardCharsets.UTF_8);
        String target = URLEncoder.encode(uri("lti/launch").toString(), StandardCharsets.UTF_8);
        HttpResponse<String> login = get(uri("lti/login?iss=" + issuer + "&login_hint=manager&target_link_uri=" + target
                + "&client_id=tandem-demo&lti_deployment_id=tandem-demo-deployment&lti_message_hint="
                + enc("{\"cmid\":\"demo-link-home\",\"launchid\":\"ltilaunch_demo-link-home\",\"return\":\"\"}")
                + extraLoginParams));
        return get(next(login));
    }

    /** Where a login initiation sends the browser: a redirect, or the platform-storage page's next step. */
    private static URI next(HttpResponse<String> login) {
        if (login.statusCode() == 302) {
            return URI.create(login.headers().firstValue("Location").orElseThrow());
        }
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher m = Pattern.compile("data-next=\"([^\"]*)\"").matcher(login.body());
        assertThat(m.find()).isTrue();
        return URI.create(m.group(1).replace("&amp;", "&").replace("&#61;", "="));
    }

    private HttpResponse<String> postLaunch(String form) throws Exception {
        return send(HttpRequest.newBuilder(uri("lti/launch")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void platformStorageCarriesTheStateWhenTheCookieIsBlocked() throws Exception {
        HttpResponse<String> login = get(uri("lti/login?iss=" + enc(uri("demo").toString()) + "&login_hint=manager&target_link_uri="
                + enc(uri("lti/launch").toString()) + "&client_id=tandem-demo&lti_storage_target=post_message_forwarding"));
        // the login page stores state and nonce in the platform's frame before it goes on
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("data-mode=\"put\"").contains("data-target=\"post_message_forwarding\"")
                .contains("data-origin=\"http://localhost:" + base.getPort() + "\"").contains("/lti/assets/lti-storage.js");
        assertThat(get(uri("lti/assets/lti-storage.js")).body()).contains("lti.put_data").contains("lti.get_data");

        cookies.clear();
        HttpResponse<String> authorized = authorizeWithLogin("&lti_storage_target=_parent");
        cookies.clear(); // third-party cookies blocked: the state cookie never comes back
        String idToken = field(authorized.body(), "id_token");
        String state = field(authorized.body(), "state");
        HttpResponse<String> check = postLaunch("id_token=" + enc(idToken) + "&state=" + enc(state));
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("data-mode=\"get\"").contains("name=\"lti_storage_state\"");

        HttpResponse<String> wrong = postLaunch("id_token=" + enc(idToken) + "&state=" + enc(state) + "&lti_storage_state=someone-else");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("STATE_BINDING");

        HttpResponse<String> launched = postLaunch("id_token=" + enc(idToken) + "&state=" + enc(state) + "&lti_storage_state=" + enc(state));
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(303);
    }

    @Test
    void withoutCookieOrPlatformStorageTheLaunchOffersANewWindowInsteadOfSkippingTheCheck() throws Exception {
        cookies.clear();
        HttpResponse<String> authorized = authorizeWithLogin("");
        cookies.clear();
        HttpResponse<String> refused = postLaunch("id_token=" + enc(field(authorized.body(), "id_token"))
                + "&state=" + enc(field(authorized.body(), "state")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Open Tandem in a new window").contains("target=\"_blank\"")
                .contains("/lti/login?iss=");
    }

    @Test
    void loginRequiredErrorFromThePlatformExplainsAndOffersANewWindow() throws Exception {
        HttpResponse<String> authorized = authorizeWithLogin("");
        HttpResponse<String> error = postLaunch("error=login_required&error_description=" + enc("no session")
                + "&state=" + enc(field(authorized.body(), "state")));
        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.body()).contains("login_required").contains("Open Tandem in a new window");
        HttpResponse<String> noState = postLaunch("error=invalid_request");
        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(noState.body()).contains("invalid_request");
    }

    @Test
    void rotatedKeyIsPublishedBesideTheOldOne() throws Exception {
        String before = get(uri(".well-known/jwks.json")).body();
        HttpResponse<String> rotated = send(HttpRequest.newBuilder(uri("admin/api/keys/rotate")).header("Authorization", ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rotated.statusCode()).isEqualTo(200);
        Matcher kid = Pattern.compile("\"kid\":\"([^\"]+)\"").matcher(rotated.body());
        assertThat(kid.find()).isTrue();
        String after = get(uri(".well-known/jwks.json")).body();
        assertThat(after).contains(kid.group(1));
        Matcher old = Pattern.compile("\"kid\":\"([^\"]+)\"").matcher(before);
        while (old.find()) {
            assertThat(after).contains(old.group(1));
        }
    }

    @Test
    void launchesAreRecordedForDiagnostics() throws Exception {
        launchAs("trainer");
        HttpResponse<String> records = get(uri("admin/api/launches"));
        assertThat(records.statusCode()).isEqualTo(401);
        records = send(HttpRequest.newBuilder(uri("admin/api/launches")).header("Authorization", ADMIN).GET());
        assertThat(records.statusCode()).isEqualTo(200);
        assertThat(records.body()).contains("\"accepted\":true").contains("\"subject\":\"demo-trainer\"")
                .contains("\"SIGNATURE\":\"PASSED\"").contains("\"NONCE\":\"PASSED\"");
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("admin/launches")).header("Authorization", ADMIN).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("demo-trainer").contains("accepted");
    }

    @Test
    void landingPageWithoutAValidTokenSaysTheSessionEnded() throws Exception {
        HttpResponse<String> none = get(uri("app/home"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("session has ended");
        HttpResponse<String> forged = get(uri("app/home?s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void demoAuthorizationEndpointRefusesAForeignRedirectUri() throws Exception {
        HttpResponse<String> refused = get(uri("demo/auth?response_type=id_token&scope=openid&client_id=tandem-demo"
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fsteal&login_hint=manager&state=s&nonce=n&response_mode=form_post"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("redirect_uri must be the registered").doesNotContain("id_token");
    }

    @Test
    void healthReportsDatabaseKeyAndTheBundledLibraries() throws Exception {
        HttpResponse<String> ready = get(uri("health/ready"));
        assertThat(ready.statusCode()).isEqualTo(200);
        // Payara ships H2 2.2.224 and Nimbus 10.5: the WAR's own copies must be the ones loaded
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("H2 2.5.252").contains("nimbus-jose-jwt-10.10.jar");
    }

    @Test
    void adminPagesNeedTheCredentialAndFormsNeedTheCsrfToken() throws Exception {
        HttpResponse<String> anonymous = get(uri("admin"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("admin")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8))).GET());
        assertThat(wrong.statusCode()).isEqualTo(401);

        get(uri("demo"));
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("admin")).header("Authorization", ADMIN).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Tandem demo platform").contains("tandem-demo-deployment");

        String register = "issuer=https%3A%2F%2Fmoodle.example&client_id=abc&auth_login_url=https%3A%2F%2Fmoodle.example%2Fmod%2Flti%2Fauth.php"
                + "&jwks_url=https%3A%2F%2Fmoodle.example%2Fmod%2Flti%2Fcerts.php&deployment_ids=1&deployment_policy=STRICT&clock_skew_seconds=60";
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("admin/platforms")).header("Authorization", ADMIN)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(register)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("admin/api/platforms")).header("Authorization", ADMIN).GET()).body())
                .doesNotContain("moodle.example");

        String csrf = field(page.body(), "csrf");
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(uri("admin/platforms")).header("Authorization", ADMIN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(register + "&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(send(HttpRequest.newBuilder(uri("admin/api/platforms")).header("Authorization", ADMIN).GET()).body())
                .contains("https://moodle.example");
    }

    @Test
    void demoCohortIsGeneratedOnlyFromTheCoursePageOrWithTheAdminCredential() throws Exception {
        String course = get(uri("demo")).body();
        String form = "managers=9&clinicians=9&tool_host=";
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("demo/cohort")).header("Origin", "null")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(forged.statusCode()).as("no form token").isEqualTo(403);
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(uri("demo/cohort")).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&form_token=" + enc(field(course, "form_token")))));
        assertThat(foreign.statusCode()).as("foreign origin").isEqualTo(403);
        HttpResponse<String> generated = send(HttpRequest.newBuilder(uri("demo/cohort")).header("Origin", "null")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&form_token=" + enc(field(course, "form_token")))));
        assertThat(generated.statusCode()).isEqualTo(303);
        assertThat(get(URI.create(generated.headers().firstValue("Location").orElseThrow())).body())
                .contains("Generated 9 managers and 9 clinicians");

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("admin/api/demo/cohort?managers=3&clinicians=3"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> admin = send(HttpRequest.newBuilder(uri("admin/api/demo/cohort?managers=3&clinicians=3"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("\"managers\":3");
    }

    @Test
    void publishesToolKeysWithoutPrivateParts() throws Exception {
        HttpResponse<String> jwks = get(uri(".well-known/jwks.json"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"").contains("\"kid\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    // ----- deep linking, services and gradebook of the demo platform ----------------------------

    private static final String SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    private static final String LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    private static final String RESULTS = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    private static final String MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    /** The claims of a compact JWT, read without checking (the test only looks). */
    private static JsonObject payload(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** The id_token the demo signs after a launch started at {@code start}; the auto-post form is returned too. */
    private HttpResponse<String> authorizeFrom(URI start) throws Exception {
        HttpResponse<String> started = get(start);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        URI login = URI.create(started.headers().firstValue("Location").orElseThrow());
        // like Moodle's, the demo's message hint is a JSON object; Tandem hands it to the
        // authorization endpoint unchanged, which refuses the login otherwise
        String hint = query(login, "lti_message_hint");
        assertThat(hint).startsWith("{").contains("\"launchid\":\"ltilaunch_");
        URI auth = next(get(login));
        assertThat(query(auth, "lti_message_hint")).isEqualTo(hint);
        HttpResponse<String> authorized = get(auth);
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
        return authorized;
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    /** A token from the demo's token endpoint, asked for by Tandem's own AccessTokens (signed with Tandem's key). */
    private String tandemToken(String... scopes) throws Exception {
        get(uri(".well-known/jwks.json"));
        get(uri("demo"));
        StringBuilder query = new StringBuilder("it-probe/ags/token?token_url=" + enc(uri("demo/token").toString())
                + "&client_id=tandem-demo");
        for (String scope : scopes) {
            query.append("&scope=").append(enc(scope));
        }
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri(query.toString())).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return token.body();
    }

    private HttpResponse<String> bearer(String method, URI uri, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String forgedAssertion(String tokenUrl) throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-tandems").generate();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-tandems").build(),
                new JWTClaimsSet.Builder().issuer("tandem-demo").subject("tandem-demo").audience(tokenUrl)
                        .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new RSASSASigner(stranger));
        return jwt.serialize();
    }

    @Test
    void resourceLinkLaunchesCarryTheCoursesAgsAndNrpsEndpoints() throws Exception {
        HttpResponse<String> authorized = authorizeFrom(uri("demo/launch?as=manager&link=demo-link-home"));
        JsonObject claims = payload(field(authorized.body(), "id_token"));

        JsonObject ags = claims.getJsonObject("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint");
        assertThat(ags.getString("lineitems")).isEqualTo(uri("demo/courses/demo-course-1/lineitems").toString() + "?type_id=1");
        assertThat(ags.containsKey("lineitem")).as("fixed links have no column of their own").isFalse();
        assertThat(ags.getJsonArray("scope").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .containsExactlyInAnyOrder(LINEITEM, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly", RESULTS, SCORE);
        JsonObject nrps = claims.getJsonObject("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice");
        assertThat(nrps.getString("context_memberships_url")).isEqualTo(uri("demo/courses/demo-course-1/memberships").toString());
        assertThat(send(HttpRequest.newBuilder(uri("admin/api/platforms")).header("Authorization", ADMIN).GET()).body())
                .as("the demo registration has its token URL").contains(uri("demo/token").toString());
    }

    @Test
    void trainersDeepLinkingRequestPassesTandemsLaunchValidation() throws Exception {
        HttpResponse<String> learner = get(uri("demo/deep-links?as=manager"));
        assertThat(learner.statusCode()).isEqualTo(403);
        assertThat(learner.body()).contains("Only a trainer can add activities");

        HttpResponse<String> authorized = authorizeFrom(uri("demo/deep-links?as=trainer&return=" + enc(uri("demo").toString())));
        String idToken = field(authorized.body(), "id_token");
        JsonObject claims = payload(idToken);
        assertThat(claims.getString("https://purl.imsglobal.org/spec/lti/claim/message_type")).isEqualTo("LtiDeepLinkingRequest");
        assertThat(claims.containsKey("https://purl.imsglobal.org/spec/lti/claim/resource_link")).isFalse();
        assertThat(claims.getString("https://purl.imsglobal.org/spec/lti/claim/target_link_uri")).isEqualTo(uri("lti/launch").toString());
        JsonObject settings = claims.getJsonObject("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
        assertThat(settings.getString("deep_link_return_url")).isEqualTo(uri("demo/deep-links/return").toString());
        assertThat(settings.getJsonArray("accept_types").getString(0)).isEqualTo("ltiResourceLink");
        assertThat(settings.getBoolean("accept_multiple")).isTrue();
        assertThat(settings.getBoolean("auto_create")).isTrue();
        assertThat(settings.getString("data")).isNotBlank();

        HttpResponse<String> launched = postLaunch("id_token=" + enc(idToken) + "&state=" + enc(field(authorized.body(), "state")));
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(303);
        assertThat(URI.create(launched.headers().firstValue("Location").orElseThrow()).getPath()).isNotEqualTo("/lti/launch");

        // the authorization endpoint refuses a deep-linking request for a learner too, whoever asks it
        HttpResponse<String> forged = get(uri("demo/auth?response_type=id_token&scope=openid&client_id=tandem-demo&redirect_uri="
                + enc(uri("lti/launch").toString()) + "&login_hint=clinician&state=s&nonce=n&response_mode=form_post"
                + "&lti_message_hint=" + enc("{\"launchid\":\"ltilaunch_ContentItemSelectionRequest\",\"return\":\"\"}")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("id_token");
        // as Moodle's auth.php, the demo needs its message hint back: a tool that drops it gets no token
        HttpResponse<String> dropped = get(uri("demo/auth?response_type=id_token&scope=openid&client_id=tandem-demo&redirect_uri="
                + enc(uri("lti/launch").toString()) + "&login_hint=trainer&state=s&nonce=n&response_mode=form_post"));
        assertThat(dropped.statusCode()).isEqualTo(400);
        assertThat(dropped.body()).contains("lti_message_hint").doesNotContain("id_token");
    }

    @Test
    void deepLinkingReturnRefusesForgedResponsesAndPlacesNothing() throws Exception {
        HttpResponse<String> garbage = send(HttpRequest.newBuilder(uri("demo/deep-links/return"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("JWT=garbage")));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("<dd id=\"failed-check\">FORMAT</dd>").contains("Nothing was added");

        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"tandem-demo\",\"aud\":\""
                + uri("demo") + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("demo/deep-links/return"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("JWT=" + enc(unsigned))));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("<dd id=\"failed-check\">FORMAT</dd>");

        HttpResponse<String> foreign = send(HttpRequest.newBuilder(uri("demo/deep-links/return"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("JWT=" + enc(forgedAssertion(uri("demo").toString())))));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("<dd id=\"failed-check\">KEY</dd>").contains("not-tandems");

        assertThat(get(uri("demo")).body()).contains("id=\"placed-none\"").doesNotContain("id=\"link-placed-");
    }

    @Test
    void tokenEndpointIssuesTokensToTandemAndRefusesForgedAssertions() throws Exception {
        assertThat(tandemToken(SCORE)).isNotBlank();

        String tokenUrl = uri("demo/token").toString();
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("demo/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(forgedAssertion(tokenUrl)) + "&scope=" + enc(SCORE))));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("\"error\":\"invalid_client\"").contains("not-tandems");
        assertThat(forged.headers().firstValue("Cache-Control")).contains("no-store");

        HttpResponse<String> grant = send(HttpRequest.newBuilder(uri("demo/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=x")));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(grant.body()).contains("unsupported_grant_type");
    }

    @Test
    void scorePostedWithADemoTokenShowsOnTheGradebook() throws Exception {
        String token = tandemToken(LINEITEM, SCORE, RESULTS);
        String container = uri("demo/courses/demo-course-1/lineitems").toString() + "?type_id=1";

        HttpResponse<String> created = bearer("POST", URI.create(container), token, "application/vnd.ims.lis.v2.lineitem+json",
                "{\"label\":\"Programme home (IT)\",\"scoreMaximum\":10,\"resourceId\":\"it:home\",\"tag\":\"it\","
                        + "\"resourceLinkId\":\"demo-link-home\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String lineItem = payloadId(created.body());
        assertThat(lineItem).endsWith("/lineitem?type_id=1");
        assertThat(created.headers().firstValue("Location")).contains(lineItem);

        HttpResponse<String> unknownLink = bearer("POST", URI.create(container), token, "application/vnd.ims.lis.v2.lineitem+json",
                "{\"label\":\"x\",\"scoreMaximum\":10,\"resourceLinkId\":\"no-such-link\"}");
        assertThat(unknownLink.statusCode()).isEqualTo(400);

        // Tandem's own find-or-create finds the column again by resource_id and tag
        HttpResponse<String> found = send(HttpRequest.newBuilder(uri("it-probe/ags/line-item?token_url=" + enc(uri("demo/token").toString())
                + "&client_id=tandem-demo&lineitems=" + enc(container) + "&label=x&resource_id=it:home&tag=it"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(found.body()).isEqualTo(lineItem);

        String scores = lineItem.replace("/lineitem?", "/lineitem/scores?");
        String score = "{\"userId\":\"demo-manager\",\"scoreGiven\":8,\"scoreMaximum\":10,\"activityProgress\":\"Completed\","
                + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-11-26T10:00:00.000Z\"}";
        assertThat(bearer("POST", URI.create(scores), "made-up", "application/vnd.ims.lis.v1.score+json", score).statusCode())
                .isEqualTo(401);
        assertThat(bearer("POST", URI.create(scores.replace("?type_id=1", "")), token, "application/vnd.ims.lis.v1.score+json",
                score).statusCode()).as("the query string must be kept").isEqualTo(404);
        assertThat(bearer("POST", URI.create(scores), token, "application/json", score).statusCode()).isEqualTo(415);
        HttpResponse<String> accepted = bearer("POST", URI.create(scores), token, "application/vnd.ims.lis.v1.score+json", score);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> older = bearer("POST", URI.create(scores), token, "application/vnd.ims.lis.v1.score+json",
                score.replace("10:00:00.000Z", "09:59:59.000Z").replace("\"scoreGiven\":8", "\"scoreGiven\":2"));
        assertThat(older.statusCode()).isEqualTo(409);

        // Tandem's ScoreClient adds /scores to the path and keeps ?type_id=1
        HttpResponse<String> delivered = send(HttpRequest.newBuilder(uri("it-probe/ags/score?token_url="
                + enc(uri("demo/token").toString()) + "&client_id=tandem-demo&lineitem=" + enc(lineItem)
                + "&user=demo-manager&given=9&timestamp=" + enc("2026-11-26T10:05:00Z"))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(delivered.body()).startsWith("DELIVERED 200");

        HttpResponse<String> results = bearer("GET", URI.create(lineItem.replace("/lineitem?", "/lineitem/results?")), token, null, null);
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.ims.lis.v2.resultcontainer+json");
        assertThat(results.body()).contains("\"userId\":\"demo-manager\"").contains("\"resultScore\":9").contains("\"resultMaximum\":10");

        String gradebook = get(uri("demo/gradebook")).body();
        assertThat(gradebook).contains("Programme home (IT)").contains("<th scope=\"row\">Alex Morgan")
                .contains("<strong>9 / 10</strong>").contains("Completed, FullyGraded").contains("2 scores received")
                .contains("/lineitem/scores?type_id=1</code></td><td>409");
    }

    private static String payloadId(String json) {
        return Json.createReader(new StringReader(json)).readObject().getString("id");
    }

    @Test
    void membershipsArePagedWithLinkNext() throws Exception {
        String token = tandemToken(MEMBERSHIPS);
        assertThat(bearer("GET", uri("demo/courses/demo-course-1/memberships"), tandemToken(SCORE), null, null).statusCode())
                .as("a token without the NRPS scope").isEqualTo(403);

        List<String> members = new ArrayList<>();
        URI page = uri("demo/courses/demo-course-1/memberships?limit=4");
        int pages = 0;
        while (page != null) {
            HttpResponse<String> response = bearer("GET", page, token, null, null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
            JsonObject container = Json.createReader(new StringReader(response.body())).readObject();
            assertThat(container.getJsonObject("context").getString("id")).isEqualTo("demo-course-1");
            for (JsonObject member : container.getJsonArray("members").getValuesAs(JsonObject.class)) {
                assertThat(member.getString("status")).isEqualTo("Active");
                members.add(member.getString("user_id"));
            }
            pages++;
            Matcher next = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"").matcher(response.headers().firstValue("Link").orElse(""));
            page = next.find() ? URI.create(next.group(1)) : null;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(members).containsExactly("demo-manager", "demo-clinician", "demo-trainer", "demo-evaluator",
                "demo-manager-2", "demo-clinician-2");

        HttpResponse<String> learners = bearer("GET", uri("demo/courses/demo-course-1/memberships?role=Learner"), token, null, null);
        assertThat(learners.body()).contains("demo-manager-2").doesNotContain("demo-trainer");
    }

    @Test
    void unavailableSwitchMakesTheServicesAnswer503UntilSwitchedBack() throws Exception {
        String page = get(uri("demo/gradebook")).body();
        assertThat(page).contains("Make the LMS unavailable");
        String formToken = field(page, "form_token");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("demo/gradebook/availability"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("unavailable=true")));
        assertThat(forged.statusCode()).as("no form token").isEqualTo(403);

        String token = tandemToken(MEMBERSHIPS);
        try {
            HttpResponse<String> off = send(HttpRequest.newBuilder(uri("demo/gradebook/availability")).header("Origin", "null")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("unavailable=true&form_token=" + enc(formToken))));
            assertThat(off.statusCode()).isEqualTo(303);
            assertThat(get(uri("demo/gradebook")).body()).contains("Make the LMS available again").contains("answer 503");

            HttpResponse<String> tokenDown = send(HttpRequest.newBuilder(uri("demo/token")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
            assertThat(tokenDown.statusCode()).isEqualTo(503);
            assertThat(tokenDown.headers().firstValue("Retry-After")).contains("30");
            assertThat(bearer("GET", uri("demo/courses/demo-course-1/memberships"), token, null, null).statusCode()).isEqualTo(503);
            assertThat(get(uri("demo")).body()).contains("id=\"lms-down\"");
        } finally {
            HttpResponse<String> on = send(HttpRequest.newBuilder(uri("demo/gradebook/availability"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("unavailable=false&form_token=" + enc(formToken))));
            assertThat(on.statusCode()).isEqualTo(303);
        }
        assertThat(bearer("GET", uri("demo/courses/demo-course-1/memberships"), token, null, null).statusCode()).isEqualTo(200);
    }
}
