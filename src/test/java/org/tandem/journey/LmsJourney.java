package org.tandem.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Module;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.Lms;

/**
 * The journey every LMS must carry, through real HTTP, with the LMS played by a flavour that speaks
 * as that LMS does ({@link org.tandem.lti.testing.Moodle44}, {@link org.tandem.lti.testing.Canvas}):
 * Dynamic Registration, a learner's launch (and its new-window relaunch), a trainer's deep linking
 * whose grade column then receives a learner's score, and the roster from Names and Role
 * Provisioning. Each test has an LMS of its own (a new issuer), registered before it starts.
 */
abstract class LmsJourney {

    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    static final String MODULE = "money-risk-safety";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ArquillianResource
    URL base;

    Lms lms;
    /** The page Tandem showed at the end of the registration. */
    LtiBrowser.Response registered;

    /** A new LMS of this flavour, listening. */
    abstract Lms startLms();

    /** What this LMS's registration page must tell the administrator. */
    abstract void assertRegistrationPage(LtiBrowser.Response page, JsonObject platform);

    /** The course's graded link a learner opens, and that learner. */
    abstract Lms.Link gradedLink();

    abstract Lms.Member learner();

    abstract Lms.Member trainer();

    @BeforeEach
    void registerTandemWithTheLms() {
        lms = startLms();
        registered = new LtiBrowser(base).get(lms.registrationStart(tandem("lti/register")).toString());
        assertThat(registered.status()).as("%s; the LMS refused %s", registered, lms.refusals()).isEqualTo(200);
        lms.enable();
    }

    @AfterEach
    void stopLms() {
        lms.close();
    }

    @Test
    void registersByDynamicRegistration() {
        assertThat(registered.body()).contains("Tandem is registered").contains(lms.clientId()).contains(lms.issuer())
                .contains("registration-close.js");
        assertRegistrationPage(registered, platform(lms.clientId()));
        assertThat(lms.refusals()).isEmpty();
    }

    @Test
    void learnerLaunchesAndTheNewWindowRelaunchCarriesTheSameMessageHint() {
        Visitor learner = new Visitor();
        LtiBrowser.Response launched = learner.launch(lms.open(learner(), gradedLink()));
        String home = learner.person.browser.get(launched.location().orElseThrow().toString()).body();
        assertThat(home).contains(learner().name(), "Learner");
        JsonObject record = latestLaunch(platform(lms.clientId()).getJsonNumber("id").longValue());
        assertThat(record.getBoolean("accepted")).as("%s", record).isTrue();
        assertThat(record.getString("deployment_id")).isEqualTo(lms.deploymentId());
        assertThat(record.getString("subject")).isEqualTo(learner().userId());

        // in a browser that blocks Tandem's cookie in the course page, the new-window link starts
        // the same launch again: the LMS's message hint must reach its authorization endpoint intact
        Lms.LoginStart start = lms.open(learner(), gradedLink());
        Visitor blocked = new Visitor();
        LtiBrowser.Response refused = blocked.launchWithoutCookie(start);
        // without platform storage Tandem refuses and links the new window; with it (Canvas), the
        // page that asks the platform's storage holds the same link for when storage fails too
        URI relaunch = URI.create(refused.status() == 200
                ? attribute(refused.body(), "data-relaunch=\"([^\"]*)\"")
                : attribute(refused.body(), "href=\"([^\"]*lti/login\\?[^\"]*)\""));
        assertThat(refused.status()).as("%s", refused).isIn(200, 401);
        assertThat(LtiBrowser.AuthRequest.of(relaunch).param("lti_message_hint")).isEqualTo(start.field("lti_message_hint"));
        Visitor newWindow = new Visitor();
        LtiBrowser.Response again = newWindow.follow(new LtiBrowser.Login(newWindow.person.browser.get(relaunch.toString())),
                start.field("lti_message_hint"));
        assertThat(again.status()).as("%s", again).isEqualTo(303);
        assertThat(lms.refusals()).isEmpty();
    }

    @Test
    void trainerDeepLinksAModuleAndALearnersScoreReachesItsGradeColumn() {
        Visitor trainer = new Visitor();
        LtiBrowser.Response launched = trainer.launch(lms.addActivity(trainer()));
        LtiBrowser.Response picker = trainer.person.browser.get(launched.location().orElseThrow().toString());
        assertThat(picker.status()).as("%s", picker).isEqualTo(200);
        LtiBrowser.Response answer = trainer.person.browser.postForm("place", formOf("s", trainer.person.token,
                "pack", "starter", "item", "module:" + MODULE, "assessments", "completion", "version", "latest"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        String returnUrl = attribute(answer.body(), "<form id=\"autopost\" method=\"post\" action=\"([^\"]*)\"");
        LtiBrowser.Response returned = trainer.person.browser.postForm(returnUrl,
                formOf("JWT", attribute(answer.body(), "name=\"JWT\" value=\"([^\"]*)\"")));
        assertThat(returned.status()).as("%s; the LMS refused %s", returned, lms.refusals()).isEqualTo(200);
        Lms.Link placed = lms.links().stream().filter(l -> ("module:" + MODULE).equals(l.custom().get("tandem_activity")))
                .findFirst().orElseThrow(() -> new AssertionError("no placed link in " + lms.links()));
        String lineItem = placed.lineItem().orElseThrow();
        assertThat(lms.lineItem(lineItem).getJsonNumber("scoreMaximum").doubleValue()).isEqualTo(100.0);

        Visitor learner = new Visitor();
        Module module = Person.starterModule(MODULE);
        learner.person.completeModule(module, learner.launch(lms.open(learner(), placed)));

        await(() -> !lms.scores(learner().userId()).isEmpty());
        Lms.Kept score = lms.scores(learner().userId()).get(0);
        assertThat(score.lineItem()).isEqualTo(lineItem);
        assertThat(score.score().getString("activityProgress")).isEqualTo("Completed");
        assertThat(score.score().getString("gradingProgress")).isEqualTo("FullyGraded");
        assertThat(score.score().getJsonNumber("scoreMaximum").doubleValue()).isEqualTo(100.0);
        assertThat(Instant.parse(score.score().getString("timestamp"))).isBefore(Instant.now());
        assertThat(lms.refusals()).isEmpty();
    }

    @Test
    void trainerSeesTheCourseRosterFromNamesAndRoles() {
        Visitor trainer = new Visitor();
        trainer.launch(lms.open(trainer(), gradedLink()));
        LtiBrowser.Response roster = trainer.person.browser.get("roster?s=" + trainer.person.token);
        for (int i = 0; i < 100 && !roster.body().contains("Last updated from the LMS"); i++) {
            sleep(200);
            roster = trainer.person.browser.get("roster?s=" + trainer.person.token);
        }
        assertThat(roster.body()).as("the refresh after the trainer's launch; the LMS refused %s", lms.refusals())
                .contains("Last updated from the LMS");
        assertThat(section(roster.body(), "staff")).contains(trainer().name());
        assertThat(section(roster.body(), "group-unknown")).contains(learner().name());
        assertThat(section(roster.body(), "group-unknown")).doesNotContain(trainer().name());
        assertThat(lms.refusals()).isEmpty();
    }

    // ---- one person's browser, launching from the LMS ------------------------------------------

    /** A person's browser: Tandem's login, the LMS's authorization endpoint and its auto-posted form, Tandem's launch. */
    final class Visitor {
        final Person person = new Person(base);

        LtiBrowser.Response launch(Lms.LoginStart start) {
            return follow(login(start), start.field("lti_message_hint"));
        }

        LtiBrowser.Login login(Lms.LoginStart start) {
            return "GET".equals(start.method()) ? person.browser.loginGet(start.fields()) : person.browser.loginPost(start.fields());
        }

        /** From Tandem's answer to the login to its answer to the launch. */
        LtiBrowser.Response follow(LtiBrowser.Login login, String messageHint) {
            Map<String, String> form = authorize(login, messageHint);
            String action = form.remove("action");
            LtiBrowser.Response launched = person.browser.postForm(action, form);
            assertThat(launched.status()).as("%s", launched).isEqualTo(303);
            person.token = query(launched.location().orElseThrow(), "s");
            return launched;
        }

        /** The LMS's auto-posting form after Tandem sent the browser to its authorization endpoint. */
        Map<String, String> authorize(LtiBrowser.Login login, String messageHint) {
            URI auth = login.status() == 302 ? login.authRequest().uri()
                    : URI.create(attribute(login.body(), "data-next=\"([^\"]*)\""));
            assertThat(LtiBrowser.AuthRequest.of(auth).ltiMessageHint()).as("the message hint, byte for byte")
                    .isEqualTo(messageHint);
            LtiBrowser.Response authorized = person.browser.get(auth.toString());
            assertThat(authorized.status()).as("%s; the LMS refused %s", authorized, lms.refusals()).isEqualTo(200);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("action", attribute(authorized.body(), "<form id=\"autopost\" method=\"post\" action=\"([^\"]*)\""));
            Matcher field = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(authorized.body());
            while (field.find()) {
                form.put(field.group(1), unescape(field.group(2)));
            }
            return form;
        }

        /** The launch from a browser whose third-party cookies are blocked: the state cookie never comes back. */
        LtiBrowser.Response launchWithoutCookie(Lms.LoginStart start) {
            Map<String, String> form = authorize(login(start), start.field("lti_message_hint"));
            return person.browser.postFormWithoutCookies(form.remove("action"), form);
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------

    URI tandem(String path) {
        return new LtiBrowser(base).resolve(path);
    }

    /** Tandem's admin API view of the registration with this client_id under the LMS's issuer. */
    JsonObject platform(String clientId) {
        return platforms().getValuesAs(JsonObject.class).stream()
                .filter(p -> lms.issuer().equals(p.getString("issuer")) && clientId.equals(p.getString("client_id")))
                .findFirst().orElseThrow(() -> new AssertionError("no platform " + lms.issuer() + " " + clientId));
    }

    JsonArray platforms() {
        return Json.createReader(new StringReader(admin("admin/api/platforms"))).readArray();
    }

    JsonObject latestLaunch(long platformId) {
        return Json.createReader(new StringReader(admin("admin/api/launches?platform=" + platformId))).readArray().getJsonObject(0);
    }

    private String admin(String path) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(tandem(path)).header("Authorization", ADMIN)
                            .header("Accept", "application/json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String attribute(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as("%s in %s", regex, html).isTrue();
        return unescape(m.group(1));
    }

    static String unescape(String s) {
        return s.replace("&#61;", "=").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String section(String html, String id) {
        Matcher m = Pattern.compile("<ul id=\"" + id + "\">(.*?)</ul>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1) : "";
    }

    static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    static void await(BooleanSupplier condition) {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s");
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }
}
