package org.tandem.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
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
 * Roster and pairs end to end, through real HTTP: {@link TestPlatform} launches trainers and
 * learners, issues access tokens only for client assertions that verify against Tandem's published
 * JWKS, and serves each course's membership in three pages to Bearer tokens with the NRPS scope.
 * Each test uses a course of its own, as the database lives as long as the class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RosterIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static final String NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    private static final String MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    private static final String INSTRUCTOR = TestPlatform.ROLE_INSTRUCTOR;
    private static final String LEARNER = TestPlatform.ROLE_LEARNER;

    private static TestPlatform platform;
    /** Per course: the membership page the platform serves for page n. */
    private static final Map<String, IntFunction<String>> pages = new ConcurrentHashMap<>();
    /** Membership requests that came with an accepted Bearer token, as "course page". */
    private static final List<String> served = new CopyOnWriteArrayList<>();

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start();
        platform.serve("/platform/courses/", RosterIT::serveMemberships);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @BeforeEach
    void registerPlatform() {
        platform.trustTool(new LtiBrowser(base).resolve(".well-known/jwks.json").toString());
        HttpResponse<String> response = send(HttpRequest.newBuilder(new LtiBrowser(base).resolve("admin/api/platforms"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(platform.registrationJson())).build());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    // ----- the platform's membership service ----------------------------------------------------

    private static void serveMemberships(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        // /platform/courses/{course}/memberships
        String course = path.length > 3 ? path[3] : "";
        Set<String> scopes = platform.bearerScopes(exchange);
        if (scopes == null || !scopes.contains(NRPS_SCOPE)) {
            TestPlatform.respond(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        int page = Integer.parseInt(TestPlatform.form(exchange.getRequestURI().getRawQuery()).getOrDefault("page", "1"));
        served.add(course + " " + page);
        if (page < 3) {
            exchange.getResponseHeaders().add("Link", "<" + membershipsUrl(course) + "?page=" + (page + 1) + ">; rel=\"next\"");
        }
        TestPlatform.respond(exchange, 200, MEDIA_TYPE, pages.get(course).apply(page));
    }

    private static String membershipsUrl(String course) {
        return platform.issuer() + "/courses/" + course + "/memberships";
    }

    /** A person in the course: the platform's user id, name and NRPS role. */
    record Person(String id, String name, String role) {
    }

    /** Serves these people in three pages, in this order. */
    private static void membership(String course, List<Person> people) {
        int perPage = (people.size() + 2) / 3;
        pages.put(course, page -> container(course, people.subList(Math.min(people.size(), (page - 1) * perPage),
                Math.min(people.size(), page * perPage))));
    }

    private static String container(String course, List<Person> people) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        people.forEach(p -> members.add(Json.createObjectBuilder().add("user_id", p.id()).add("name", p.name())
                .add("email", p.id() + "@example.org").add("status", "Active")
                .add("roles", Json.createArrayBuilder().add(p.role()))));
        return Json.createObjectBuilder().add("id", membershipsUrl(course))
                .add("context", Json.createObjectBuilder().add("id", course).add("title", "Course " + course))
                .add("members", members).build().toString();
    }

    // ----- people launching -----------------------------------------------------------------------

    /** One person's browser after a launch from the course: their launch token, and requests with it. */
    final class Visitor {
        final LtiBrowser browser = new LtiBrowser(base);
        final String token;

        Visitor(String course, Person person, Map<String, String> custom) {
            String launchUrl = browser.base().resolve("lti/launch").toString();
            LtiBrowser.Login login = browser.loginPost(formOf("iss", platform.issuer(), "login_hint", person.id(),
                    "target_link_uri", launchUrl, "client_id", platform.clientId(),
                    "lti_deployment_id", platform.deploymentId()));
            String[] names = person.name().split(" ", 2);
            TestPlatform.IdToken idToken = platform.idToken(login.nonce()).targetLinkUri(launchUrl).subject(person.id())
                    .person(names[0], names[1], person.id() + "@example.org").roles(person.role())
                    .context(course, course.toUpperCase(), "Course " + course).custom(custom)
                    .claim(TestPlatform.NRPS, Map.of("context_memberships_url", membershipsUrl(course),
                            "service_versions", List.of("2.0")));
            LtiBrowser.Response launched = browser.launch(idToken.build(), login.state());
            assertThat(launched.status()).as("%s", launched).isEqualTo(303);
            String query = launched.location().orElseThrow().getRawQuery();
            token = URLDecoder.decode(query.replaceAll("^.*\\bs=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
        }

        LtiBrowser.Response get(String path) {
            return browser.get(path + (path.contains("?") ? "&" : "?") + "s=" + token);
        }

        LtiBrowser.Response post(String path, String... fields) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("s", token);
            form.putAll(formOf(fields));
            return browser.postForm(path, form);
        }

        /** A POST answered 303 back to a page, and that page. */
        LtiBrowser.Response postAndFollow(String path, String... fields) {
            LtiBrowser.Response posted = post(path, fields);
            assertThat(posted.status()).as("%s", posted).isEqualTo(303);
            LtiBrowser.Response page = browser.get(posted.location().orElseThrow().toString());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            return page;
        }
    }

    private Visitor trainer(String course) {
        return new Visitor(course, new Person("trainer-" + course, "Tess Trainer", INSTRUCTOR), Map.of());
    }

    /** A learner launches and answers the profile questions; the LMS sends their professional group. */
    private Visitor learner(String course, Person person, String group) {
        Visitor v = new Visitor(course, person, Map.of("tandem_group", group));
        LtiBrowser.Response answered = v.post("learn/profile", "consent", "yes", "next", "/learn/partner");
        assertThat(answered.status()).as("%s", answered).isEqualTo(303);
        return v;
    }

    /** The roster page once the refresh a launch started in the background has finished. */
    private LtiBrowser.Response rosterAfterBackgroundRefresh(Visitor trainer) throws InterruptedException {
        LtiBrowser.Response page = trainer.get("roster");
        for (int i = 0; i < 100 && !page.body().contains("Last updated from the LMS"); i++) {
            Thread.sleep(200);
            page = trainer.get("roster");
        }
        assertThat(page.body()).as("the background refresh after the trainer's launch").contains("Last updated from the LMS");
        return page;
    }

    private static String field(LtiBrowser.Response page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(m.find()).as("field %s in %s", name, page).isTrue();
        return m.group(1);
    }

    /** The pairs on the trainer's page, each as its members' names. */
    private static List<List<String>> pairsOn(LtiBrowser.Response page) {
        List<List<String>> pairs = new ArrayList<>();
        Matcher li = Pattern.compile("<li data-pair=\"\\d+\"><strong>(?:Pair|Trio):</strong> (.*?) <form").matcher(page.body());
        while (li.find()) {
            List<String> names = new ArrayList<>();
            Matcher name = Pattern.compile("(?:^|, )([^,<]+?) <span class=\"muted\">").matcher(li.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
            pairs.add(names);
        }
        return pairs;
    }

    private static String section(LtiBrowser.Response page, String id) {
        Matcher m = Pattern.compile("<ul id=\"" + id + "\">(.*?)</ul>", Pattern.DOTALL).matcher(page.body());
        return m.find() ? m.group(1) : "";
    }

    // ----- the tests ----------------------------------------------------------------------------

    @Test
    void trainerSeesTheRosterFromThreePagesPairsItAndThePairKeepsAShadowingLog() throws Exception {
        String course = "course-pairs";
        Person mia = new Person("mia", "Mia Manager", LEARNER);
        Person max = new Person("max", "Max Manager", LEARNER);
        Person cal = new Person("cal", "Cal Clinician", LEARNER);
        Person cat = new Person("cat", "Cat Clinician", LEARNER);
        Person cy = new Person("cy", "Cy Clinician", LEARNER);
        Person quinn = new Person("quinn", "Quinn Quiet", LEARNER);
        membership(course, List.of(new Person("trainer-" + course, "Tess Trainer", INSTRUCTOR), mia, max, cal, cat, cy, quinn));

        Visitor tess = trainer(course);
        assertThat(tess.get("app/home").body()).contains("id=\"roster\"");
        LtiBrowser.Response roster = rosterAfterBackgroundRefresh(tess);

        assertThat(served).as("three pages, each with a Bearer token carrying the NRPS scope")
                .contains(course + " 1", course + " 2", course + " 3");
        assertThat(section(roster, "group-unknown")).as("nobody has opened Tandem yet")
                .contains("Mia Manager", "Max Manager", "Cal Clinician", "Cat Clinician", "Cy Clinician", "Quinn Quiet");
        assertThat(section(roster, "staff")).contains("Tess Trainer");

        Visitor miaSees = learner(course, mia, "manager");
        learner(course, max, "manager");
        Visitor calSees = learner(course, cal, "clinician");
        Visitor catSees = learner(course, cat, "clinician");
        Visitor cySees = learner(course, cy, "clinician");
        assertThat(learner(course, mia, "manager").get("roster").status()).as("a learner on the trainer's page").isEqualTo(403);

        roster = tess.get("roster");
        assertThat(section(roster, "group-manager")).contains("Mia Manager", "Max Manager");
        assertThat(section(roster, "group-clinician")).contains("Cal Clinician", "Cat Clinician", "Cy Clinician");
        assertThat(section(roster, "group-unknown")).contains("Quinn Quiet").doesNotContain("Mia");

        // automatic pairing: two managers, three clinicians → a pair and a trio
        String before = field(roster, "version");
        roster = tess.postAndFollow("roster/pairs/automatic", "version", before);
        assertThat(roster.body()).contains("Learners paired automatically");
        List<List<String>> pairs = pairsOn(roster);
        assertThat(pairs).hasSize(2).extracting(List::size).containsExactlyInAnyOrder(2, 3);
        assertThat(pairs).allSatisfy(p -> assertThat(String.join(" ", p)).contains("Manager").contains("Clinician"));
        assertThat(roster.body()).contains("Everyone is in a pair.");

        // an edit from the page drawn before the pairing: someone else changed the pairs
        LtiBrowser.Response stale = tess.post("roster/pairs/edit", "version", before, "action", "split", "member", "mia");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed the pairs");

        // by hand: split the pair with two, then try to pair the two clinicians of the trio's rest
        List<String> pair = pairs.stream().filter(p -> p.size() == 2).findFirst().orElseThrow();
        String pairedManager = pair.stream().filter(n -> n.contains("Manager")).findFirst().orElseThrow();
        String pairedClinician = pair.stream().filter(n -> n.contains("Clinician")).findFirst().orElseThrow();
        roster = tess.postAndFollow("roster/pairs/edit", "version", field(roster, "version"), "action", "split",
                "member", idOf(pairedManager));
        assertThat(pairsOn(roster)).hasSize(1);
        assertThat(section(roster, "unpaired")).contains(pairedManager, "the trainer split the pair");
        List<String> trio = pairsOn(roster).get(0);
        String trioClinician = trio.stream().filter(n -> n.contains("Clinician")).findFirst().orElseThrow();
        LtiBrowser.Response refused = tess.post("roster/pairs/edit", "version", field(roster, "version"), "action", "move",
                "member", idOf(pairedClinician), "partner", idOf(pairedManager));
        assertThat(refused.status()).as("moving into someone unpaired").isEqualTo(422);
        assertThat(refused.body()).contains("is not in a pair, so there is no pair to move");
        refused = tess.post("roster/pairs/edit", "version", field(roster, "version"), "action", "unpair",
                "member", idOf(trio.stream().filter(n -> n.contains("Manager")).findFirst().orElseThrow()));
        assertThat(refused.status()).as("taking the only manager out of the trio").isEqualTo(422);
        assertThat(refused.body()).contains("without both a manager and a clinician")
                .contains("Allow a pair without both a manager and a clinician");
        roster = tess.postAndFollow("roster/pairs/edit", "version", field(roster, "version"), "action", "create",
                "member", idOf(pairedManager), "partner", idOf(pairedClinician));
        assertThat(pairsOn(roster)).hasSize(2);

        // the learners: Mia sees her partner(s), writes an entry, a partner confirms it
        Map<String, Visitor> visitors = Map.of("Mia Manager", miaSees, "Cal Clinician", calSees, "Cat Clinician", catSees,
                "Cy Clinician", cySees);
        List<String> miasPair = pairsOn(roster).stream().filter(p -> p.contains("Mia Manager")).findFirst().orElseThrow();
        String partnerName = miasPair.stream().filter(n -> !n.equals("Mia Manager") && visitors.containsKey(n)).findFirst()
                .orElseThrow();
        Visitor partner = visitors.get(partnerName);
        Visitor outsider = visitors.entrySet().stream().filter(e -> !miasPair.contains(e.getKey())).findFirst()
                .orElseThrow().getValue();
        LtiBrowser.Response miaPage = miaSees.get("learn/partner");
        assertThat(miaPage.status()).as("%s", miaPage).isEqualTo(200);
        assertThat(section(miaPage, "partners")).contains(partnerName).contains("clinician");
        assertThat(miaSees.get("learn/activities").body()).contains("Paired with").contains(partnerName);

        // both play the same scenario (the first choice offered, which the shuffle makes differ); Mia sees their paths scene by scene
        assertThat(miaPage.body()).contains("id=\"no-comparison\"");
        String scenario = new org.tandem.catalogue.control.PackReader().readClasspath("content/starter").scenarios().get(0).id();
        playFirstChoices(miaSees, scenario);
        playFirstChoices(partner, scenario);
        miaPage = miaSees.get("learn/partner");
        assertThat(miaPage.body()).contains("data-scenario=\"" + scenario + "\"").contains("<th scope=\"col\">" + partnerName)
                .contains("You chose alike in").contains("scenes you both reached");
        assertThat(outsider.get("learn/partner").body()).as("another pair's choices").doesNotContain("data-scenario=");

        String learned = "Safe staffing comes before the budget line <for her> & her team.";
        miaPage = miaSees.postAndFollow("learn/partner/shadowing", "date", LocalDate.now(ZoneOffset.UTC).toString(),
                "setting", "Bed meeting, ward 7", "learned", learned);
        assertThat(miaPage.body()).contains("Safe staffing comes before the budget line &lt;for her&gt; &amp; her team.")
                .contains("Waiting for your partner to confirm it.");
        String entry = miaPage.body().replaceAll("(?s).*data-entry=\"(\\d+)\".*", "$1");
        assertThat(miaSees.post("learn/partner/shadowing/" + entry + "/confirm").body()).contains("You wrote this entry");
        LtiBrowser.Response outsiders = outsider.get("learn/partner");
        assertThat(outsiders.body()).as("another pair's log").doesNotContain("Bed meeting");
        assertThat(outsider.post("learn/partner/shadowing/" + entry + "/confirm").status()).isEqualTo(409);

        assertThat(partner.get("learn/activities").body()).as("the partner is told an entry waits")
                .contains("1 entry in your shadowing log waits for you to confirm it.");
        assertThat(miaSees.get("learn/activities").body()).as("the author is not").doesNotContain("waits for you to confirm");
        LtiBrowser.Response partnerPage = partner.get("learn/partner");
        assertThat(partnerPage.body()).contains("Bed meeting, ward 7").contains("Mia Manager wrote:").contains("Confirm this entry");
        partnerPage = partner.postAndFollow("learn/partner/shadowing/" + entry + "/confirm");
        assertThat(partnerPage.body()).contains("Entry confirmed.").contains("Confirmed by you");
        assertThat(miaSees.get("learn/partner").body()).contains("Confirmed by " + partnerName);
        assertThat(partner.get("learn/activities").body()).as("nothing waits once confirmed").doesNotContain("waits for you to confirm");
    }

    @Test
    void aMalformedPageOrARefusedTokenLeavesTheOldRosterAndSaysWhy() throws Exception {
        String course = "course-failures";
        List<Person> people = new ArrayList<>(List.of(new Person("trainer-" + course, "Tess Trainer", INSTRUCTOR)));
        for (int i = 1; i <= 8; i++) {
            people.add(new Person("learner-" + i, "Learner Number" + i, LEARNER));
        }
        membership(course, people);
        Visitor tess = trainer(course);
        LtiBrowser.Response roster = rosterAfterBackgroundRefresh(tess);
        assertThat(section(roster, "group-unknown")).contains("Learner Number1", "Learner Number8");
        String synced = roster.body().replaceAll("(?s).*<p id=\"synced\">([^<]*)</p>.*", "$1");

        // page 2 of the membership is not a membership container
        IntFunction<String> good = pages.get(course);
        pages.put(course, page -> page == 2 ? "{\"members\":[{\"name\":\"No Id\",\"roles\":[]}]}" : good.apply(page));
        LtiBrowser.Response refreshed = tess.post("roster/refresh");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body()).contains("The refresh failed").contains("page 2").contains("without a user_id")
                .contains(synced);
        assertThat(section(refreshed, "group-unknown")).as("the old roster is kept")
                .contains("Learner Number1", "Learner Number8");
        assertThat(tess.get("roster").body()).contains("id=\"sync-error\"").contains("page 2");

        // the platform stops accepting Tandem's client assertion
        pages.put(course, good);
        platform.revokeTokens();
        platform.tokenStatus(401);
        try {
            refreshed = tess.post("roster/refresh");
        } finally {
            platform.tokenStatus(200);
        }
        assertThat(refreshed.body()).contains("The refresh failed").contains("no access token")
                .contains("public key or JWKS URL registered").contains(synced);
        assertThat(section(refreshed, "group-unknown")).contains("Learner Number1", "Learner Number8");

        // and once it does again, the refresh goes through
        people.remove(8);
        membership(course, people);
        refreshed = tess.post("roster/refresh");
        assertThat(refreshed.body()).contains("Refreshed from the LMS: 8 members listed, 1 no longer on the course (3 pages)");
        assertThat(section(refreshed, "left")).contains("Learner Number8");
        assertThat(refreshed.body()).doesNotContain("id=\"sync-error\"");
    }

    /** Plays a scenario to an ending through its pages, taking the first choice of every scene. */
    private static void playFirstChoices(Visitor v, String scenario) {
        LtiBrowser.Response page = v.get("learn/scenario/" + scenario);
        for (int i = 0; i < 30 && !page.body().contains("id=\"ending\""); i++) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page = v.postAndFollow("learn/scenario/" + scenario + "/choose", "attempt", field(page, "attempt"),
                    "step", field(page, "step"), "choice", field(page, "choice"));
        }
        assertThat(page.body()).as("reached an ending").contains("id=\"ending\"");
    }

    /** The platform user ids of the first test are the first names in lower case. */
    private static String idOf(String name) {
        return name.split(" ")[0].toLowerCase();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
