package org.tandem.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.Deployments;
import org.tandem.catalogue.TestPacks;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;

/**
 * The programme evaluation through real HTTP, as an LMS and browsers drive it. An in-test LTI
 * platform with two deployments launches learners into the starter pack's relationship
 * assessment (group and phase as custom parameters, consent answered on Tandem's profile
 * questions, the whole form posted as a browser without script would), then evaluators, learners
 * and trainers into Tandem:
 * <ul>
 * <li>deployment A, course X: 9 managers and 9 clinicians before and after, 1 clinician who
 * declined consent, 1 manager with the before assessment only;</li>
 * <li>deployment A, course Y: 2 clinicians before and after (too few for any figure);</li>
 * <li>deployment B, course X (the same course id): 8 managers, who are the same LMS users as
 * A's first 8 managers, and 2 clinicians, before and after;</li>
 * <li>deployment A, course Z: 5 managers and 4 clinicians before and after, on another
 * instrument (working-together, from a pack an administrator uploaded).</li>
 * </ul>
 * The learners are launched once for the whole class (by whichever test needs them first); no
 * test changes them, so the tests may run in any order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EvaluationIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static final String REVIEWER = "http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Reviewer";
    private static final String DEP_A = "dep-a";
    private static final String DEP_B = "dep-b";
    private static final String COURSE_X = "course-x";
    private static final String COURSE_Y = "course-y";
    private static final String COURSE_Z = "course-z";
    /** The pack course Z uses; its instrument is not the starter's. */
    private static final String OTHER_PACK = "eval-other-pack";
    private static final Instrument WORKING_TOGETHER = new PackReader().readZip(TestPacks.zip(TestPacks.valid(OTHER_PACK, 1)))
            .instrument("working-together").orElseThrow();
    private static final Instrument RELATIONSHIP = new PackReader().readClasspath("content/starter").instrument("relationship")
            .orElseThrow();

    private static TestPlatform platform;
    private static long platformId;
    private static boolean seeded;
    /** Every learner subject launched, to check no export ever shows one. */
    private static final Set<String> SUBJECTS = new TreeSet<>();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    // ------------------------------------------------------------------------ the tests

    @Test
    void evaluatorSeesTheCourseReport() throws Exception {
        LtiBrowser.Response page = evaluator(DEP_A, COURSE_X).get("");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy").orElse("")).contains("script-src 'self'").contains("style-src 'self'");
        assertThat(page.header("Cache-Control").orElse("")).contains("no-store");
        String body = page.body();
        assertThat(count(body, "matched")).isEqualTo(18);
        assertThat(countText(body, "pre-only")).as("one learner, shown as a small count").isEqualTo("fewer than 8");
        assertThat(count(body, "post-only")).isZero();
        assertThat(countText(body, "excluded")).as("one learner declined: not said as 1").isEqualTo("fewer than 8");
        assertThat(table(body, "summary-all")).contains("<caption>All learners (18 learners)</caption>");
        assertThat(table(body, "summary-managers")).contains("<caption>Managers (9 learners)</caption>")
                .doesNotContain("withheld").contains("<th scope=\"row\">Trust</th><td>9</td>");
        assertThat(table(body, "summary-clinicians")).contains("<caption>Clinicians (9 learners)</caption>")
                .doesNotContain("withheld");
        assertThat(table(body, "group-difference")).doesNotContain("withheld").contains("9, ");
        assertThat(body).contains("id=\"then-test-all\"").contains("id=\"outlook-all\"").contains("<svg").contains("role=\"img\"")
                .contains("What the results say").contains("id=\"export-csv\"").contains("aria-current=\"page\">This course")
                .doesNotContain("style=");
        for (String subject : SUBJECTS) {
            assertThat(body).doesNotContain(subject);
        }
        assertThat(body).doesNotContain("Lovelace");
    }

    @Test
    void programmeViewCoversEveryCourseOfTheDeploymentOnly() throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        String body = evaluator.get("&scope=programme").body();
        assertThat(count(body, "matched")).as("course X's 18 and course Y's 2, none of deployment B's").isEqualTo(20);
        assertThat(table(body, "summary-clinicians")).contains("<caption>Clinicians (11 learners)</caption>");
        assertThat(body).contains("aria-current=\"page\">Whole programme");

        List<String> programme = pseudonyms(evaluator.csv("programme").body());
        List<String> course = pseudonyms(evaluator.csv("course").body());
        assertThat(programme).hasSize(20).containsAll(course);
        List<String> other = pseudonyms(evaluator(DEP_B, COURSE_X).csv("course").body());
        assertThat(other).as("deployment B's learners").hasSize(10);
        assertThat(other).as("never in deployment A's export, though 8 are the same LMS users").doesNotContainAnyElementsOf(programme);
    }

    @Test
    void csvHasTheDocumentedColumnsAndStablePseudonyms() throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        LtiBrowser.Response first = evaluator.csv("course");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/csv");
        assertThat(first.header("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"tandem-evaluation-relationship-course.csv\"");
        assertThat(first.header("X-Tandem-Withheld")).isEmpty();
        List<String[]> rows = rows(first.body());
        assertThat(rows.get(0)).containsExactly(expectedHeader());
        assertThat(rows).hasSize(19);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
            assertThat(row).hasSize(expectedHeader().length);
            assertThat(row[0]).matches("p-[0-9a-f]{12}");
            assertThat(row[1]).isIn("manager", "clinician");
            assertThat(row[2]).isEqualTo(String.valueOf(RELATIONSHIP.version()));
        });
        assertThat(rows.subList(1, rows.size())).filteredOn(row -> row[1].equals("manager")).hasSize(9);
        for (String subject : SUBJECTS) {
            assertThat(first.body()).doesNotContain(subject);
        }
        assertThat(first.body()).doesNotContain("Lovelace").doesNotContain("@example");

        LtiBrowser.Response second = evaluator(DEP_A, COURSE_X).csv("course");
        assertThat(pseudonyms(second.body())).as("the same pseudonyms in a later export, from another launch")
                .isEqualTo(pseudonyms(first.body()));
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void smallGroupsAreWithheldInPageJsonAndCsv() throws Exception {
        // deployment B: 8 managers and 2 clinicians; the clinicians are too few, and the managers
        // would give them away (all learners minus managers), so both groups are withheld
        Evaluator b = evaluator(DEP_B, COURSE_X);
        String body = b.get("").body();
        assertThat(count(body, "matched")).isEqualTo(10);
        assertThat(table(body, "summary-all")).doesNotContain("withheld").contains("(10 learners)");
        assertThat(table(body, "summary-clinicians")).contains("withheld (fewer than 8)")
                .contains("Suppressed: fewer than 8 matched learners").doesNotContainPattern("<td>\\d+</td>");
        assertThat(table(body, "summary-managers")).contains("withheld").doesNotContainPattern("<td>\\d+</td>");
        assertThat(table(body, "group-difference")).contains("withheld");
        assertThat(body).contains("Not drawn").doesNotContain("Managers (n =").doesNotContain("Clinicians (n =");

        LtiBrowser.Response json = b.json();
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        JsonObject summary = parse(json.body()).asJsonObject();
        assertThat(summary.getJsonObject("matching").getInt("matched")).isEqualTo(10);
        for (JsonValue value : summary.getJsonArray("cells")) {
            JsonObject cell = value.asJsonObject();
            if (cell.getString("cohort").equals("all")) {
                assertThat(cell.getString("status")).isEqualTo("shown");
                assertThat(cell.getInt("n")).isEqualTo(10);
            } else if (!cell.getString("cohort").equals("others")) {
                assertThat(cell.getString("status")).isEqualTo("suppressed");
                assertThat(cell.keySet()).containsOnly("measure", "measure_title", "cohort", "status", "reason");
            }
        }

        LtiBrowser.Response withheldCsv = b.csv("course");
        List<String[]> rows = rows(withheldCsv.body());
        assertThat(rows).hasSize(11);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
            assertThat(row[1]).isEqualTo("withheld");
            assertThat(row[0]).as("pseudonyms of this export only").matches("x-[0-9a-f]{12}");
        });
        assertThat(withheldCsv.header("X-Tandem-Withheld").orElse("")).contains("for this export only");
        assertThat(pseudonyms(b.csv("course").body())).as("another export, other pseudonyms")
                .doesNotContainAnyElementsOf(pseudonyms(withheldCsv.body()));

        // deployment A, course Y: 2 matched learners, too few for anything
        Evaluator y = evaluator(DEP_A, COURSE_Y);
        String small = y.get("").body();
        assertThat(countText(small, "matched")).isEqualTo("fewer than 8");
        assertThat(small).doesNotContain("id=\"count-matched\">2<");
        assertThat(table(small, "summary-all")).contains("withheld (fewer than 8)").doesNotContainPattern("<td>\\d");
        LtiBrowser.Response headerOnly = y.csv("course");
        assertThat(headerOnly.status()).isEqualTo(200);
        assertThat(headerOnly.body()).isEqualTo(String.join(",", expectedHeader()) + "\r\n");
        assertThat(headerOnly.header("X-Tandem-Withheld").orElse("")).contains("fewer than 8");
    }

    @Test
    void showsAndExportsTheFreeTextAnswersOfConsentingLearners() throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        String body = evaluator.get("").body();
        assertThat(body).contains("<h2 id=\"free-text\">What learners wrote</h2>").contains("id=\"free-text-caution\"")
                .contains("id=\"free-text-post-manager\"").contains("id=\"free-text-post-clinician\"");
        int shown = body.substring(body.indexOf("id=\"free-text\""), body.indexOf("id=\"exports\"")).split("<li>", -1).length - 1;
        assertThat(shown).as("9 managers and 9 consenting clinicians before and after, and the manager who answered before "
                + "only (consenting too); not the clinician who declined").isEqualTo(37);

        LtiBrowser.Response csv = evaluator.launched.browser.get("evaluate/free-text.csv?s=" + evaluator.launched.token);
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"tandem-evaluation-relationship-course.free-text.csv\"");
        // phase and group hold no commas; the answer may, and is then quoted (RFC 4180)
        List<String[]> rows = Arrays.stream(csv.body().split("\r\n")).map(line -> line.split(",", 3))
                .map(row -> new String[] {row[0], row[1], row[2].startsWith("\"")
                        ? row[2].substring(1, row[2].length() - 1).replace("\"\"", "\"") : row[2]}).toList();
        assertThat(rows.get(0)).containsExactly("phase", "group", "answer");
        assertThat(rows.subList(1, rows.size())).hasSize(37).allSatisfy(row -> {
            assertThat(row[0]).isIn("pre", "post");
            assertThat(row[1]).isIn("manager", "clinician");
            assertThat(row[2]).isIn(SimulatedCohort.CHANGES.stream().map(text -> text.startsWith("=") ? "'" + text : text).toList());
        });
        assertThat(csv.body()).doesNotContainPattern("p-[0-9a-f]{12}");
        for (String subject : SUBJECTS) {
            assertThat(csv.body()).doesNotContain(subject);
        }

        // deployment B's two clinicians are too few to show what they wrote
        String b = evaluator(DEP_B, COURSE_X).get("").body();
        String clinicians = b.substring(b.indexOf("id=\"free-text-post-clinician\""));
        assertThat(clinicians.substring(0, clinicians.indexOf("</p>"))).contains("withheld (fewer than 8)").doesNotContain("<li>");
    }

    @Test
    void theRScriptReproducesThePageFromTheCsvExport(@TempDir Path dir) throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        LtiBrowser.Response script = evaluator.launched.browser.get("evaluate/reproduce.R?s=" + evaluator.launched.token);
        assertThat(script.status()).as("%s", script).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/plain");
        assertThat(script.header("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"tandem-evaluation-relationship-course.R\"");
        assertThat(script.body()).contains("default_csv <- \"tandem-evaluation-relationship-course.csv\"")
                .contains("wilcox.test(second, first, paired = TRUE)");
        assertThat(evaluator.get("").body()).contains("id=\"export-r\"");

        RFigures.assumeR();
        RFigures.Comparison comparison = RFigures.run(dir, script.body(), evaluator.csv("course").body(),
                parse(evaluator.json().body()).asJsonObject());

        assertThat(comparison.mismatches()).as(comparison.rOutput()).isEmpty();
        assertThat(comparison.compared()).as("all learners, managers and clinicians on five measures, then-test, outlook")
                .isGreaterThan(700);
    }

    @Test
    void exportsAreAudited() throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        assertThat(evaluator.csv("programme").status()).isEqualTo(200);
        assertThat(evaluator.json().status()).isEqualTo(200);

        LtiBrowser.Response refused = new LtiBrowser(local()).get("admin/api/audit");
        assertThat(refused.status()).as("the audit trail needs the admin credential").isEqualTo(401);
        JsonArray events = adminGet("admin/api/audit?platform=" + platformId + "&limit=50");
        assertThat(events).isNotEmpty();
        JsonObject json = events.getJsonObject(0);
        assertThat(json.getString("action")).isEqualTo("evaluation.export.json");
        JsonObject csv = events.getJsonObject(1);
        assertThat(csv.getString("action")).isEqualTo("evaluation.export.csv");
        assertThat(csv.getString("deployment_id")).isEqualTo(DEP_A);
        assertThat(csv.getJsonNumber("platform_id").longValue()).isEqualTo(platformId);
        assertThat(csv.getString("actor")).matches("p-[0-9a-f]{12}").isEqualTo(json.getString("actor"));
        assertThat(csv.getString("detail")).contains("relationship").contains("programme").contains("20 learner rows");
        assertThat(csv.getString("occurred_at")).isNotBlank();
        assertThat(events.toString()).doesNotContain(evaluator.subject).doesNotContain("Eve").doesNotContain("Reviewer");
    }

    @Test
    void learnersAndTrainersAreRefused() throws Exception {
        seed();
        for (String role : List.of(TestPlatform.ROLE_LEARNER, TestPlatform.ROLE_INSTRUCTOR)) {
            Launched person = launch(DEP_A, COURSE_X, "not-an-evaluator-" + role.hashCode(), role, Map.of());
            for (String path : List.of("evaluate?s=", "evaluate/export.csv?s=", "evaluate/summary.json?s=",
                    "evaluate?scope=programme&s=")) {
                LtiBrowser.Response response = person.browser.get(path + person.token);
                assertThat(response.status()).as(role + " " + path + "\n" + response).isEqualTo(403);
                assertThat(response.body()).contains("This page is for programme evaluators")
                        .doesNotContainPattern("p-[0-9a-f]{12}");
            }
        }
        LtiBrowser.Response noSession = new LtiBrowser(local()).get("evaluate?s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(new LtiBrowser(local()).get("evaluate/export.csv").status()).isEqualTo(401);
    }

    @Test
    void findsTheInstrumentACourseUsedAndKeepsTheEvaluatorsChoice() throws Exception {
        // course Z used another instrument: its evaluation opens on it, not on the starter's
        Evaluator z = evaluator(DEP_A, COURSE_Z);
        String body = z.get("").body();
        assertThat(body).contains("<h1>Programme evaluation: " + WORKING_TOGETHER.title() + "</h1>");
        assertThat(count(body, "matched")).isEqualTo(9);
        assertThat(table(body, "summary-all")).contains("<caption>All learners (9 learners)</caption>");
        assertThat(find(body, "(<nav aria-label=\"Instruments answered here\".*?</nav>)"))
                .contains("id=\"instrument-working-together-v1\"").contains("aria-current=\"page\"")
                .doesNotContain("instrument-relationship-v1");

        // the programme lists both and opens on the one with the most responses
        Evaluator chooser = evaluator(DEP_A, COURSE_X, "evaluator-who-chooses");
        String programme = chooser.get("&scope=programme").body();
        String choice = find(programme, "(<nav aria-label=\"Instruments answered here\".*?</nav>)");
        assertThat(choice).contains("id=\"instrument-relationship-v1\"").contains("id=\"instrument-working-together-v1\"")
                .contains("43 responses").contains("18 responses");
        assertThat(programme).contains("<h1>Programme evaluation: " + RELATIONSHIP.title() + "</h1>");
        String link = find(choice, "id=\"instrument-working-together-v1\" href=\"/([^\"]+)\"").replace("&amp;", "&");
        assertThat(link).contains("scope=programme").contains("instrument=working-together").contains("version=1");
        String chosen = chooser.launched.browser.get(link).body();
        assertThat(chosen).contains("<h1>Programme evaluation: " + WORKING_TOGETHER.title() + "</h1>");
        assertThat(count(chosen, "matched")).isEqualTo(9);
        assertThat(chosen).contains("instrument=working-together&amp;version=1\"")
                .as("the exports follow the choice").contains("/evaluate/export.csv?s=");
        assertThat(rows(chooser.launched.browser.get("evaluate/export.csv?s=" + chooser.launched.token
                + "&scope=programme&instrument=working-together&version=1").body())).hasSize(10);

        // a later launch of the same evaluator opens the programme on their choice; others do not
        Evaluator again = evaluator(DEP_A, COURSE_X, "evaluator-who-chooses");
        assertThat(again.get("&scope=programme").body()).contains("<h1>Programme evaluation: " + WORKING_TOGETHER.title());
        assertThat(again.get("").body()).as("the course view is another scope, with no choice made")
                .contains("<h1>Programme evaluation: " + RELATIONSHIP.title());
        assertThat(evaluator(DEP_A, COURSE_X, "another-evaluator").get("&scope=programme").body())
                .contains("<h1>Programme evaluation: " + RELATIONSHIP.title());
    }

    @Test
    void refusesScopesAndInstrumentsItDoesNotKnow() throws Exception {
        Evaluator evaluator = evaluator(DEP_A, COURSE_X);
        assertThat(evaluator.get("&scope=everything").status()).isEqualTo(400);
        assertThat(evaluator.get("&instrument=..%2Fsecret").status()).isEqualTo(400);
        assertThat(evaluator.get("&instrument=no-such-instrument").status()).isEqualTo(404);
        assertThat(evaluator.get("&version=99").status()).isEqualTo(404);
        assertThat(evaluator.get("&version=one").status()).isEqualTo(400);
        assertThat(evaluator.get("&instrument=relationship&version=1&content=not-hex").status()).isEqualTo(400);
        assertThat(evaluator.get("&instrument=relationship&version=1&content=000000").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------ the cohort

    private synchronized void seed() throws Exception {
        if (seeded) {
            return;
        }
        platform = TestPlatform.builder().deploymentId(DEP_A).start();
        java.net.http.HttpResponse<String> registered = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(local().resolve("admin/api/platforms"))
                        .header("Authorization", ADMIN).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                platform.registrationJson("STRICT", List.of(DEP_A, DEP_B)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
        platformId = parse(registered.body()).asJsonObject().getJsonNumber("id").longValue();

        SimulatedCohort cohort = new SimulatedCohort(RELATIONSHIP, 2026);
        List<SimulatedCohort.Learner> a = cohort.learners("mgr", 10, 0, 0);
        List<SimulatedCohort.Learner> clinicians = cohort.learners("cln", 0, 14, 0);
        // deployment A, course X
        for (SimulatedCohort.Learner learner : a.subList(0, 9)) {
            assess(cohort, learner, DEP_A, COURSE_X, "yes", true);
        }
        for (SimulatedCohort.Learner learner : clinicians.subList(0, 9)) {
            assess(cohort, learner, DEP_A, COURSE_X, "yes", true);
        }
        assess(cohort, clinicians.get(9), DEP_A, COURSE_X, "no", true);
        assess(cohort, a.get(9), DEP_A, COURSE_X, "yes", false);
        // deployment A, course Y
        for (SimulatedCohort.Learner learner : clinicians.subList(10, 12)) {
            assess(cohort, learner, DEP_A, COURSE_Y, "yes", true);
        }
        // deployment B, course X: the same LMS users as A's first 8 managers, and 2 other clinicians
        for (SimulatedCohort.Learner learner : a.subList(0, 8)) {
            assess(cohort, learner, DEP_B, COURSE_X, "yes", true);
        }
        for (SimulatedCohort.Learner learner : clinicians.subList(12, 14)) {
            assess(cohort, learner, DEP_B, COURSE_X, "yes", true);
        }
        // deployment A, course Z: another pack's instrument
        java.net.http.HttpResponse<byte[]> uploaded = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(local().resolve("admin/api/content-packs"))
                        .header("Authorization", ADMIN).header("Content-Type", "application/zip")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(TestPacks.zip(TestPacks.valid(OTHER_PACK, 1))))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        SimulatedCohort other = new SimulatedCohort(WORKING_TOGETHER, 7);
        for (SimulatedCohort.Learner learner : other.learners("wt", 5, 4, 0)) {
            assess(other, learner, DEP_A, COURSE_Z, "yes", true, WORKING_TOGETHER.id(), OTHER_PACK);
        }
        seeded = true;
    }

    /** One learner's before (and after) assessment, launched from the course like an LMS link. */
    private void assess(SimulatedCohort cohort, SimulatedCohort.Learner learner, String deployment, String course, String consent,
                        boolean post) throws Exception {
        assess(cohort, learner, deployment, course, consent, post, "relationship", null);
    }

    /** As above, on instrument {@code instrumentId} of content pack {@code pack} (the starter pack when null). */
    private void assess(SimulatedCohort cohort, SimulatedCohort.Learner learner, String deployment, String course, String consent,
                        boolean post, String instrumentId, String pack) throws Exception {
        SUBJECTS.add(learner.subject());
        for (Phase phase : post ? List.of(Phase.PRE, Phase.POST) : List.of(Phase.PRE)) {
            String phaseName = phase.name().toLowerCase();
            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("tandem_activity", "assessment:" + instrumentId);
            if (pack != null) {
                custom.put("tandem_pack", pack);
            }
            custom.put("tandem_phase", phaseName);
            custom.put("tandem_group", learner.group() == ProfessionalGroup.MANAGER ? "manager" : "clinician");
            Launched launched = launch(deployment, course, learner.subject(), TestPlatform.ROLE_LEARNER, custom);
            assertThat(launched.landing.getPath()).isEqualTo("/learn");
            String form = "/learn/assessment/" + instrumentId + "?phase=" + phaseName;
            if (phase == Phase.PRE) {
                LtiBrowser.Response profile = launched.browser.postForm("learn/profile",
                        formOf("s", launched.token, "consent", consent, "next", form));
                assertThat(profile.status()).as("%s", profile).isEqualTo(303);
            }
            LtiBrowser.Response page = launched.browser.get(form.substring(1) + "&s=" + launched.token);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("s", launched.token);
            answers.put("attempt", find(page.body(), "name=\"attempt\" value=\"(\\d+)\""));
            answers.putAll(cohort.form(learner, phase));
            LtiBrowser.Response submitted = launched.browser.postForm("learn/assessment/" + instrumentId + "/submit", answers);
            assertThat(submitted.status()).as("submitting %s %s\n%s", learner.subject(), phase, submitted).isEqualTo(303);
        }
    }

    /** A person launched from the course; {@code landing} is where Tandem sent them. */
    private record Launched(LtiBrowser browser, URI landing, String token) {
    }

    private Launched launch(String deployment, String course, String subject, String role, Map<String, String> custom) {
        return launch(deployment, course, subject, role, custom, "Ada " + subject, "Lovelace");
    }

    private Launched launch(String deployment, String course, String subject, String role, Map<String, String> custom,
                            String givenName, String familyName) {
        LtiBrowser browser = new LtiBrowser(local());
        String launchUrl = browser.base().resolve("lti/launch").toString();
        LtiBrowser.Login login = browser.loginGet(formOf("iss", platform.issuer(), "login_hint", subject,
                "target_link_uri", launchUrl, "client_id", platform.clientId(), "lti_deployment_id", deployment));
        assertThat(login.status()).as("%s", login).isEqualTo(302);
        String idToken = platform.idToken(login.nonce()).targetLinkUri(launchUrl).subject(subject).deploymentId(deployment)
                .roles(role).context(course, course.toUpperCase(), "Working Together " + course)
                .person(givenName, familyName, subject + "@example.org").custom(custom).build();
        LtiBrowser.Response launched = browser.launch(idToken, login.state());
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);
        URI landing = launched.location().orElseThrow();
        String token = landing.getQuery().replaceFirst("^.*\\bs=([^&]+).*$", "$1");
        return new Launched(browser, landing, token);
    }

    /** An evaluator of the programme, launched from a course of a deployment. */
    private final class Evaluator {
        final Launched launched;
        final String subject;

        Evaluator(Launched launched, String subject) {
            this.launched = launched;
            this.subject = subject;
        }

        LtiBrowser.Response get(String query) {
            return launched.browser.get("evaluate?s=" + launched.token + query);
        }

        LtiBrowser.Response csv(String scope) {
            return launched.browser.get("evaluate/export.csv?s=" + launched.token + "&scope=" + scope);
        }

        LtiBrowser.Response json() {
            return launched.browser.get("evaluate/summary.json?s=" + launched.token);
        }
    }

    private Evaluator evaluator(String deployment, String course) throws Exception {
        return evaluator(deployment, course, "evaluator-" + deployment + "-" + course);
    }

    private Evaluator evaluator(String deployment, String course, String subject) throws Exception {
        seed();
        Launched launched = launch(deployment, course, subject, REVIEWER, Map.of(), "Eve", "Reviewer");
        assertThat(launched.landing.getPath()).isEqualTo("/app/home");
        return new Evaluator(launched, subject);
    }

    // ------------------------------------------------------------------------ reading answers

    private URI local() {
        return URI.create("http://localhost:" + base.getPort() + "/");
    }

    private static String[] expectedHeader() {
        List<String> columns = new ArrayList<>(List.of("pseudonym", "group", "instrument_version"));
        for (String phase : List.of("pre", "post", "then")) {
            for (Item item : RELATIONSHIP.items()) {
                columns.add(phase + "_" + item.id());
            }
        }
        columns.add("pre_outlook");
        columns.add("post_outlook");
        for (Subscale subscale : RELATIONSHIP.subscales()) {
            columns.addAll(List.of("pre_" + subscale.id(), "post_" + subscale.id(), "change_" + subscale.id()));
        }
        columns.addAll(List.of("pre_total", "post_total", "change_total"));
        return columns.toArray(String[]::new);
    }

    /** CSV rows; the starter pack's fields hold no commas or quotes, which CsvTest covers. */
    private static List<String[]> rows(String csv) {
        assertThat(csv).endsWith("\r\n");
        return Arrays.stream(csv.split("\r\n")).map(line -> line.split(",", -1)).toList();
    }

    private static List<String> pseudonyms(String csv) {
        List<String[]> rows = rows(csv);
        return rows.subList(1, rows.size()).stream().map(row -> row[0]).toList();
    }

    private static int count(String body, String id) {
        return Integer.parseInt(countText(body, id));
    }

    private static String countText(String body, String id) {
        return find(body, "id=\"count-" + id + "\">([^<]+)<");
    }

    /** The table with this id. */
    private static String table(String body, String id) {
        return find(body, "(<table[^>]*id=\"" + id + "\".*?</table>)");
    }

    private static String find(String body, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(body);
        assertThat(m.find()).as("/" + regex + "/ in\n" + body).isTrue();
        return m.group(1);
    }

    private static JsonValue parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }

    private JsonArray adminGet(String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(local().resolve(path)).header("Authorization", ADMIN).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body()).asJsonArray();
    }
}
