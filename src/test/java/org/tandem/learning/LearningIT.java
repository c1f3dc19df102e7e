package org.tandem.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.owasp.encoder.Encode;
import org.tandem.Deployments;
import org.tandem.catalogue.TestPacks;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Section;
import org.tandem.learning.LearnerBrowser.Page;
import org.tandem.learning.control.ScenarioPlay;

/**
 * Learners on the demo course: each test launches its own course link through the real LTI flow
 * and works through Tandem's learning pages like a browser without JavaScript (plus the autosave
 * call the page's script makes). The content comes from the starter pack, read here too, so the
 * journeys know the right answers, the ways to every ending and the assessment's items.
 * <p>
 * The in-memory database is shared by the tests of this class, so each test uses a person and
 * activity no other test touches (the manager always consents, the clinician always declines),
 * and no assertion depends on the order the tests run in. One test publishes a newer starter pack
 * that differs only in the instrument's title and version, so every other test meets the same
 * modules, scenarios and items whichever version its attempts pin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LearningIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static final String FORGED_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static final ContentPack STARTER = new PackReader().readClasspath("content/starter");

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    private LearnerBrowser manager() {
        return new LearnerBrowser(base, "manager", "yes");
    }

    private LearnerBrowser clinician() {
        return new LearnerBrowser(base, "clinician", "no");
    }

    private static Module module(String id) {
        return STARTER.module(id).orElseThrow();
    }

    private static Scenario scenario(String id) {
        return STARTER.scenario(id).orElseThrow();
    }

    private static Instrument relationship() {
        return STARTER.instrument("relationship").orElseThrow();
    }

    private static String html(String text) {
        return Encode.forHtml(text);
    }

    /** What every learning page must carry: it is framed by the LMS and its URL holds the launch token. */
    private static Page learnerPage(Page page) {
        assertThat(page.header("Content-Security-Policy")).as("CSP of " + page.uri())
                .contains("frame-ancestors 'self'");
        assertThat(page.header("Cache-Control")).as("Cache-Control of " + page.uri()).contains("no-store");
        return page;
    }

    private static Map<String, Object> form(Page page) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("s", page.token());
        form.put("attempt", page.field("attempt"));
        return form;
    }

    private static Page expectSeeOther(Page posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(303);
        return posted;
    }

    private static Page ok(LearnerBrowser browser, Page posted) throws Exception {
        Page page = browser.follow(expectSeeOther(posted));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return learnerPage(page);
    }

    // ---------------------------------------------------------------- modules

    /** Does what the current section asks (answer, reflect or continue) and returns the next page. */
    private Page actOnSection(LearnerBrowser browser, Module module, Page page, Set<String> answerWrongly) throws Exception {
        String action = page.field("action");
        int step = Integer.parseInt(page.field("step"));
        Section section = module.sections().get(step);
        assertThat(page.body()).contains("section " + (step + 1) + " of " + module.sections().size())
                .contains("<h1>" + html(section.title()) + "</h1>");
        Map<String, Object> form = form(page);
        form.put("step", step);
        form.put("action", action);
        switch (action) {
            case "answer" -> {
                assertThat(section.check()).as("section " + section.id() + " asks a knowledge check").isNotNull();
                int correct = section.check().correct();
                form.put("option", answerWrongly.contains(section.id()) ? (correct + 1) % section.check().options().size() : correct);
            }
            case "reflect" -> {
                assertThat(section.reflection()).as("section " + section.id() + " asks for a reflection").isNotNull();
                form.put("reflection", "On " + section.id() + ": <both> views & one list – ünïcode");
            }
            case "next" -> assertThat(section.check() == null || page.body().contains("id=\"feedback\"")).isTrue();
            default -> throw new AssertionError("unknown action " + action + " on " + page);
        }
        Page next = ok(browser, browser.post("learn/module/" + module.id(), form));
        if (action.equals("answer")) {
            assertThat(next.body()).as("feedback after answering " + section.id()).contains("id=\"feedback\"")
                    .contains(answerWrongly.contains(section.id()) ? "Not quite." : "Correct.");
        }
        return next;
    }

    @Test
    void completesAModule() throws Exception {
        Module module = module("two-views-waiting-list");
        Set<String> wrong = Set.of("what-the-clock-measures");
        LearnerBrowser alex = manager();
        Page page = learnerPage(alex.launch("module-" + module.id()));
        assertThat(page.uri().getPath()).isEqualTo("/learn/module/" + module.id());
        assertThat(page.body()).contains("section 1 of " + module.sections().size())
                .contains("The manager's view").contains("The clinician's view");
        String attempt = page.field("attempt");

        for (int i = 0; i < 3 * module.sections().size() && !page.body().contains("id=\"result\""); i++) {
            page = actOnSection(alex, module, page, wrong);
        }

        long checks = module.knowledgeChecks();
        long expected = Math.round((checks - wrong.size()) * 100.0 / checks);
        assertThat(page.body()).as("the summary").contains("id=\"result\"")
                .contains("<strong>" + expected + "%</strong>")
                .contains("You have completed this module");
        assertThat(page.body().split("class=\"correct\">correct", -1)).as("correct checks listed").hasSize((int) (checks - wrong.size()) + 1);
        assertThat(page.body()).contains("class=\"incorrect\">not correct");

        // the finished attempt takes no more answers
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("s", page.token());
        late.put("attempt", attempt);
        late.put("step", module.sections().size() - 1);
        late.put("action", "next");
        Page refused = alex.post("learn/module/" + module.id(), late);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("nothing was changed");

        // a new launch of the same link resumes on the completed summary (the same pinned attempt)
        LearnerBrowser again = manager();
        Page resumed = learnerPage(again.launch("module-" + module.id()));
        assertThat(resumed.token()).isNotEqualTo(page.token());
        assertThat(resumed.body()).contains("id=\"result\"").contains("<strong>" + expected + "%</strong>");

        // and the activity list reports it
        Page list = learnerPage(again.get("learn/activities?s=" + resumed.token()));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.find(java.util.regex.Pattern.quote(html(module.title())) + "</a>.*?<span class=\"status\">([^<]*)</span>"))
                .isEqualTo("Completed, score " + expected + "%");
    }

    @Test
    void resumesWhereTheLearnerLeft() throws Exception {
        // a module: the answer to a check is kept, then the section reached
        Module module = module("sharing-information");
        LearnerBrowser first = clinician();
        Page page = learnerPage(first.launch("module-" + module.id()));
        assertThat(page.body()).contains("section 1 of " + module.sections().size());
        Section opening = module.sections().get(0);
        assertThat(opening.check()).as("the first section of " + module.id() + " has a check").isNotNull();
        page = actOnSection(first, module, page, Set.of());

        Page resumed = learnerPage(clinician().launch("module-" + module.id()));
        assertThat(resumed.token()).as("a new launch, a new token").isNotEqualTo(page.token());
        assertThat(resumed.body()).as("the answered check is still answered")
                .contains("section 1 of " + module.sections().size()).contains("id=\"feedback\"").contains("Correct.");
        resumed = actOnSection(first, module, resumed, Set.of());
        assertThat(resumed.body()).contains("section 2 of " + module.sections().size());

        Page later = learnerPage(clinician().launch("module-" + module.id()));
        assertThat(later.body()).as("the learner is back on the section they reached, not at the start")
                .contains("section 2 of " + module.sections().size())
                .contains("<h1>" + html(module.sections().get(1).title()) + "</h1>");
        assertThat(later.field("step")).isEqualTo("1");

        // a scenario: one choice made, the next scene shown again with the measures it moved
        Scenario scenario = scenario("agency-budget");
        LearnerBrowser player = clinician();
        Page scene = learnerPage(player.launch("scenario-" + scenario.id()));
        assertThat(scene.body()).contains("decision 1").contains("id=\"seat\"");
        List<String> order = scene.fields("choice");
        assertThat(order).as("the choices in this attempt's own order")
                .isEqualTo(ScenarioPlay.start(scenario).offeredChoices(Long.parseLong(scene.field("attempt"))).stream().map(Choice::id).toList());
        assertThat(learnerPage(clinician().launch("scenario-" + scenario.id())).fields("choice")).as("the same order on reload")
                .isEqualTo(order);
        Choice choice = scenario.scene(scenario.start()).orElseThrow().choices().get(0);
        Map<String, Object> choose = form(scene);
        choose.put("step", 0);
        choose.put("choice", choice.id());
        ok(player, player.post("learn/scenario/" + scenario.id() + "/choose", choose));

        Page back = learnerPage(clinician().launch("scenario-" + scenario.id()));
        assertThat(back.body()).as("resumed on the second decision")
                .contains("decision 2")
                .contains("<h1>" + html(scenario.scene(choice.next()).orElseThrow().title()) + "</h1>");
        assertThat(back.field("step")).isEqualTo("1");
        assertMeasures(back, new ScenarioJourney(scenario, null, List.of(choice)));
    }

    // -------------------------------------------------------------- scenarios

    private static void assertMeasures(Page page, ScenarioJourney journey) {
        assertThat(page.body()).contains("<meter");
        journey.measures().forEach((id, value) -> assertThat(page.find("id=\"measure-" + id + "\">[^<]*<strong>(-?\\d+)</strong>"))
                .as("measure " + id + " on " + page.uri()).isEqualTo(String.valueOf(value)));
        // coloured by level: thirds of the range, the optimum at the top, the level also in words
        for (org.tandem.catalogue.entity.Measure m : journey.scenario().measures()) {
            int value = journey.measures().get(m.id());
            int low = m.min() + (m.max() - m.min()) / 3;
            int high = m.max() - (m.max() - m.min()) / 3;
            String level = value <= low ? "low" : value >= high ? "high" : "middle";
            assertThat(page.body()).as("level of " + m.id())
                    .contains("<li data-level=\"" + level + "\"><span id=\"measure-" + m.id() + "\">")
                    .contains("low=\"" + low + "\" high=\"" + high + "\" optimum=\"" + m.max() + "\" value=\"" + value + "\"");
        }
    }

    /** Plays a journey from the first scene to its ending; returns the ending page. */
    private Page play(LearnerBrowser browser, Page page, ScenarioJourney journey) throws Exception {
        Scenario scenario = journey.scenario();
        for (int i = 0; i < journey.choices().size(); i++) {
            Choice choice = journey.choices().get(i);
            assertThat(page.body()).as("decision " + (i + 1) + " towards " + journey.endingId())
                    .contains("decision " + (i + 1)).contains("id=\"choice-" + choice.id() + "\"");
            assertThat(page.field("step")).isEqualTo(String.valueOf(i));
            Map<String, Object> form = form(page);
            form.put("step", i);
            form.put("choice", choice.id());
            page = ok(browser, browser.post("learn/scenario/" + scenario.id() + "/choose", form));
        }
        return page;
    }

    @Test
    void playsAScenarioToEachEnding() throws Exception {
        Scenario scenario = scenario("friday-discharge");
        List<ScenarioJourney> journeys = ScenarioJourney.toEveryEnding(scenario);
        assertThat(journeys).as("every ending of " + scenario.id() + " can be reached").allMatch(ScenarioJourney::reachable);
        assertThat(journeys).hasSizeGreaterThanOrEqualTo(3);

        LearnerBrowser alex = manager();
        Page page = learnerPage(alex.launch("scenario-" + scenario.id()));
        assertThat(page.uri().getPath()).isEqualTo("/learn/scenario/" + scenario.id());
        assertThat(page.find("id=\"seat\">(.*?)</p>")).as("the manager plays the clinician's seat")
                .contains("the clinician").contains("a role swap for you");
        String token = page.token();
        for (int n = 0; n < journeys.size(); n++) {
            ScenarioJourney journey = journeys.get(n);
            if (n > 0) {
                assertThat(page.body()).contains("Play again");
                page = ok(alex, alex.post("learn/scenario/" + scenario.id() + "/restart", Map.of("s", token)));
                assertThat(page.body()).as("a new play starts at the first scene").contains("decision 1")
                        .contains("<h1>" + html(scenario.scene(scenario.start()).orElseThrow().title()) + "</h1>");
                assertMeasures(page, new ScenarioJourney(scenario, null, List.of()));
            }
            page = play(alex, page, journey);
            assertThat(page.find("data-ending=\"([^\"]*)\"")).as("ending reached").isEqualTo(journey.endingId());
            assertThat(page.body()).contains("<h1>" + html(scenario.ending(journey.endingId()).orElseThrow().title()) + "</h1>")
                    .contains("Debrief");
            assertThat(page.find("id=\"result\">.*?<strong>(\\d+)%</strong>")).as("score for " + journey.endingId())
                    .isEqualTo(String.valueOf(journey.scorePercent()));
            assertMeasures(page, journey);
            assertThat(page.body()).as("no choices after an ending").doesNotContain("name=\"choice\"");
        }

        // the latest play, shown again on a new launch
        Page resumed = learnerPage(manager().launch("scenario-" + scenario.id()));
        assertThat(resumed.find("data-ending=\"([^\"]*)\"")).isEqualTo(journeys.get(journeys.size() - 1).endingId());
    }

    // ------------------------------------------------------------ assessments

    /** Every Likert item answered, plus the then-ratings and the outlook when the form asks for them. */
    private static Map<String, Object> allAnswers(Page page, boolean then) {
        Map<String, Object> form = form(page);
        List<Item> items = relationship().items();
        for (int i = 0; i < items.size(); i++) {
            form.put("item:" + items.get(i).id(), 1 + i % 5);
            if (then) {
                form.put("then:" + items.get(i).id(), 1 + (i + 2) % 5);
            }
        }
        form.put("outlook", 0);
        form.put("free_text", "Meet on the ward, not only in the board room.");
        return form;
    }

    private static String checked(String name, int value) {
        return "name=\"" + name + "\" value=\"" + value + "\" checked";
    }

    /** Publishes a newer starter pack whose relationship instrument has a new version and title. */
    private String publishRevisedInstrument() throws Exception {
        Path dir = Path.of("src/main/resources/content/starter");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        files.put("pack.yaml", files.get("pack.yaml").replaceFirst("(?m)^version: \\d+", "version: " + (STARTER.version() + 1)));
        String revised = relationship().title() + " (revised)";
        files.put("instruments/relationship.yaml", files.get("instruments/relationship.yaml")
                .replaceFirst("(?m)^version: \\d+", "version: " + (relationship().version() + 1))
                .replaceFirst("(?m)^title: .*$", java.util.regex.Matcher.quoteReplacement("title: " + revised)));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + base.getPort() + "/admin/api/content-packs"))
                .header("Authorization", ADMIN).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestPacks.zip(files))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(stored.body()).contains("\"version\":" + (STARTER.version() + 1));
        return revised;
    }

    @Test
    void submitsPreAndPostAssessments() throws Exception {
        Instrument instrument = relationship();
        LearnerBrowser alex = manager();
        Page pre = learnerPage(alex.launch("assessment-relationship-pre"));
        assertThat(pre.uri().getPath()).isEqualTo("/learn/assessment/" + instrument.id());
        assertThat(pre.uri().getQuery()).contains("phase=pre");
        assertThat(pre.body()).contains("Before the programme").contains("<h1>" + html(instrument.title()) + "</h1>")
                .contains("name=\"item:" + instrument.items().get(0).id() + "\"")
                .doesNotContain("name=\"then:").contains("data-autosave=\"/learn/assessment/" + instrument.id() + "/answer\"");

        // the page's script saves each answer as it is given
        Map<String, Object> one = form(pre);
        one.put("item:trust-2", 4);
        Page saved = alex.post("learn/assessment/" + instrument.id() + "/answer", one);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(204);
        Page reloaded = learnerPage(alex.get("learn/assessment/" + instrument.id() + "?phase=pre&s=" + pre.token()));
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.body()).contains(checked("item:trust-2", 4));

        // without script, the Save button keeps the answers too
        Map<String, Object> some = form(pre);
        some.put("item:understanding-1", 5);
        some.put("free_text", "A first thought.");
        Page kept = ok(alex, alex.post("learn/assessment/" + instrument.id() + "/save", some));
        assertThat(kept.body()).contains(checked("item:understanding-1", 5)).contains(checked("item:trust-2", 4))
                .contains("A first thought.").contains("Your answers are saved.");

        Page thanks = ok(alex, alex.post("learn/assessment/" + instrument.id() + "/submit", allAnswers(pre, false)));
        assertThat(thanks.body()).contains("id=\"result\"").contains("before-the-programme").doesNotContain("id=\"assessment\"");
        assertThat(learnerPage(manager().launch("assessment-relationship-pre")).body())
                .as("a new launch shows the submitted assessment").contains("id=\"result\"");

        // a newer pack is published between pre and post: the post form keeps the pre's instrument version
        String revisedTitle = publishRevisedInstrument();

        Page post = learnerPage(alex.launch("assessment-relationship-post"));
        assertThat(post.uri().getQuery()).contains("phase=post");
        assertThat(post.body()).contains("After the programme")
                .as("the post assessment uses the instrument version of the pre assessment")
                .contains("<h1>" + html(instrument.title()) + "</h1>").doesNotContain(html(revisedTitle))
                .contains("Looking back").contains("name=\"then:" + instrument.items().get(0).id() + "\"")
                .contains("name=\"outlook\"");
        assertThat(post.field("attempt")).isNotEqualTo(pre.field("attempt"));

        // submitting without the then-ratings keeps what was given and names what is missing
        Map<String, Object> withoutThen = allAnswers(post, false);
        Page incomplete = alex.post("learn/assessment/" + instrument.id() + "/submit", withoutThen);
        assertThat(incomplete.status()).as(incomplete.toString()).isEqualTo(400);
        assertThat(incomplete.body()).contains("id=\"form-error\"").contains(instrument.items().size() + " still to answer")
                .contains(checked("item:" + instrument.items().get(0).id(), 1));

        Page done = ok(alex, alex.post("learn/assessment/" + instrument.id() + "/submit", allAnswers(post, true)));
        assertThat(done.body()).contains("id=\"result\"").contains("after-the-programme");
        assertThat(learnerPage(manager().launch("assessment-relationship-post")).body()).contains("id=\"result\"")
                .contains("after-the-programme");

        // the activity list, opened from the pre link, offers the post assessment too: its link must open the post
        Page list = learnerPage(alex.get("learn/activities?s=" + pre.token()));
        assertThat(list.status()).isEqualTo(200);
        String postLink = list.find("href=\"(/learn/assessment/" + instrument.id() + "\\?phase=post[^\"]*)\"");
        Page viaList = learnerPage(alex.get(postLink.substring(1)));
        assertThat(viaList.status()).isEqualTo(200);
        assertThat(viaList.body())
                .as("BUG: the activity list's 'after the programme' link (" + postLink + "), followed with the token of a "
                        + "launch of the pre link, must show the post assessment; AssessmentResource.phase() lets the launch's "
                        + "custom tandem_phase override the phase the URL names")
                .contains("after-the-programme").doesNotContain("before-the-programme");
    }

    // -------------------------------------------------------------- bad input

    @Test
    void refusesBadInputAndChangesNothing() throws Exception {
        // another learner's attempt: Alex's module attempt, sent by Priya
        LearnerBrowser alex = manager();
        Module module = module("money-risk-safety");
        Page alexPage = learnerPage(alex.launch("module-" + module.id()));
        String alexAttempt = alexPage.field("attempt");

        Scenario scenario = scenario("theatre-list");
        LearnerBrowser priya = clinician();
        Page scene = learnerPage(priya.launch("scenario-" + scenario.id()));
        String token = scene.token();
        String scenarioAttempt = scene.field("attempt");
        assertThat(scene.find("id=\"seat\">(.*?)</p>")).as("a clinician in the clinician's seat is on their own side")
                .contains("the clinician").contains("your own side of the table");

        Map<String, Object> tampered = new LinkedHashMap<>();
        tampered.put("s", token);
        tampered.put("attempt", alexAttempt);
        tampered.put("step", 0);
        tampered.put("action", "next");
        Page notYours = priya.post("learn/module/" + module.id(), tampered);
        assertThat(notYours.status()).as("another learner's attempt\n" + notYours).isEqualTo(404);
        Map<String, Object> tamperedChoice = new LinkedHashMap<>(tampered);
        tamperedChoice.remove("action");
        tamperedChoice.put("choice", scenario.scene(scenario.start()).orElseThrow().choices().get(0).id());
        assertThat(priya.post("learn/scenario/" + scenario.id() + "/choose", tamperedChoice).status()).isEqualTo(404);
        Page alexAgain = learnerPage(alex.get("learn/module/" + module.id() + "?s=" + alexPage.token()));
        assertThat(alexAgain.body()).as("Alex's module is untouched").contains("section 1 of " + module.sections().size());
        assertThat(alexAgain.field("attempt")).isEqualTo(alexAttempt);
        assertThat(alexAgain.field("step")).isEqualTo("0");

        // module steps that do not fit the section, and a section sent twice
        Section reflection = module.sections().get(0);
        Section checked = module.sections().get(1);
        assertThat(reflection.reflection()).isNotNull();
        assertThat(checked.check()).isNotNull();
        Map<String, Object> answerWhereNoCheck = form(alexAgain);
        answerWhereNoCheck.put("step", 0);
        answerWhereNoCheck.put("action", "answer");
        answerWhereNoCheck.put("option", 0);
        assertThat(alex.post("learn/module/" + module.id(), answerWhereNoCheck).status()).as("an answer to a section without a check")
                .isEqualTo(400);
        Map<String, Object> unknownAction = new LinkedHashMap<>(answerWhereNoCheck);
        unknownAction.put("action", "skip-everything");
        assertThat(alex.post("learn/module/" + module.id(), unknownAction).status()).isEqualTo(400);
        Map<String, Object> reflect = form(alexAgain);
        reflect.put("step", 0);
        reflect.put("action", "reflect");
        reflect.put("reflection", "Budgets are promises.");
        expectSeeOther(alex.post("learn/module/" + module.id(), reflect));
        Page sentTwice = alex.post("learn/module/" + module.id(), reflect);
        assertThat(sentTwice.status()).as("a reflection sent twice\n" + sentTwice).isEqualTo(409);
        Map<String, Object> offRange = form(alexAgain);
        offRange.put("step", 1);
        offRange.put("action", "answer");
        offRange.put("option", checked.check().options().size());
        Page badOption = alex.post("learn/module/" + module.id(), offRange);
        assertThat(badOption.status()).as("an option the check does not have\n" + badOption).isEqualTo(400);
        Map<String, Object> skip = new LinkedHashMap<>(offRange);
        skip.put("action", "next");
        skip.remove("option");
        assertThat(alex.post("learn/module/" + module.id(), skip).status()).as("moving on without answering the check").isEqualTo(400);
        Page onSecond = learnerPage(alex.get("learn/module/" + module.id() + "?s=" + alexPage.token()));
        assertThat(onSecond.body()).as("one step taken, the check still unanswered")
                .contains("section 2 of " + module.sections().size()).doesNotContain("id=\"feedback\"");
        assertThat(onSecond.field("action")).isEqualTo("answer");

        // a choice the current scene does not offer (a real choice of a later scene)
        Choice first = scenario.scene(scenario.start()).orElseThrow().choices().get(0);
        String later = scenario.scene(first.next()).orElseThrow().choices().stream().map(Choice::id)
                .filter(id -> scenario.scene(scenario.start()).orElseThrow().choice(id).isEmpty()).findFirst().orElseThrow();
        for (String notOffered : List.of(later, "not-a-choice", "")) {
            Map<String, Object> wrongChoice = form(scene);
            wrongChoice.put("step", 0);
            wrongChoice.put("choice", notOffered);
            Page refused = priya.post("learn/scenario/" + scenario.id() + "/choose", wrongChoice);
            assertThat(refused.status()).as("choice '" + notOffered + "'\n" + refused).isEqualTo(400);
            assertThat(refused.body()).contains("not offered");
        }
        Page unchanged = learnerPage(priya.get("learn/scenario/" + scenario.id() + "?s=" + token));
        assertThat(unchanged.body()).contains("decision 1");
        assertMeasures(unchanged, new ScenarioJourney(scenario, null, List.of()));

        // a stale step: the same choice sent twice
        Map<String, Object> choose = form(scene);
        choose.put("step", 0);
        choose.put("choice", first.id());
        expectSeeOther(priya.post("learn/scenario/" + scenario.id() + "/choose", choose));
        Page twice = priya.post("learn/scenario/" + scenario.id() + "/choose", choose);
        assertThat(twice.status()).as("double submit\n" + twice).isEqualTo(409);
        Map<String, Object> ahead = new LinkedHashMap<>(choose);
        ahead.put("step", 5);
        assertThat(priya.post("learn/scenario/" + scenario.id() + "/choose", ahead).status()).as("a step from the future").isEqualTo(409);
        Page afterOne = learnerPage(priya.get("learn/scenario/" + scenario.id() + "?s=" + token));
        assertThat(afterOne.body()).as("the choice counted once").contains("decision 2");
        assertMeasures(afterOne, new ScenarioJourney(scenario, null, List.of(first)));

        // a forged or missing launch token
        Choice second = scenario.scene(first.next()).orElseThrow().choices().get(0);
        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("s", FORGED_TOKEN);
        forged.put("attempt", scenarioAttempt);
        forged.put("step", 1);
        forged.put("choice", second.id());
        Page forgedPost = priya.post("learn/scenario/" + scenario.id() + "/choose", forged);
        assertThat(forgedPost.status()).as(forgedPost.toString()).isEqualTo(401);
        assertThat(forgedPost.body()).contains("session has ended");
        for (String path : List.of("learn?s=" + FORGED_TOKEN, "learn/scenario/" + scenario.id() + "?s=" + FORGED_TOKEN,
                "learn/module/" + module.id(), "learn/activities?s=short", "learn/assessment/relationship?phase=pre&s=" + FORGED_TOKEN)) {
            Page page = priya.get(path);
            assertThat(page.status()).as(path + "\n" + page).isEqualTo(401);
            assertThat(page.body()).contains("session has ended");
        }
        Page stillTwo = learnerPage(priya.get("learn/scenario/" + scenario.id() + "?s=" + token));
        assertThat(stillTwo.body()).as("nothing was chosen with the forged token").contains("decision 2");

        // activities that do not exist
        for (String path : List.of("learn/module/no-such-module", "learn/scenario/no-such-scenario",
                "learn/assessment/no-such-instrument?phase=pre")) {
            Page page = priya.get(path + (path.contains("?") ? "&" : "?") + "s=" + token);
            assertThat(page.status()).as(path + "\n" + page).isEqualTo(404);
        }

        // Likert answers off the scale: refused, and nothing of the form is stored
        LearnerBrowser assessor = clinician();
        Page form = learnerPage(assessor.launch("assessment-relationship-pre"));
        Map<String, Object> offScale = form(form);
        offScale.put("item:understanding-2", 3);
        offScale.put("item:understanding-1", 9);
        Page refusedSave = assessor.post("learn/assessment/relationship/save", offScale);
        assertThat(refusedSave.status()).as(refusedSave.toString()).isEqualTo(400);
        assertThat(refusedSave.body()).contains("id=\"form-error\"").contains("Nothing was saved");
        for (String value : List.of("9", "0", "abc", "")) {
            Map<String, Object> one = form(form);
            one.put("item:understanding-1", value);
            Page refused = assessor.post("learn/assessment/relationship/answer", one);
            assertThat(refused.status()).as("autosave of '" + value + "'\n" + refused).isEqualTo(400);
        }
        Map<String, Object> thenOnPre = form(form);
        thenOnPre.put("then:understanding-1", 3);
        assertThat(assessor.post("learn/assessment/relationship/answer", thenOnPre).status()).as("then-rating on the pre form").isEqualTo(400);
        Map<String, Object> unknownItem = form(form);
        unknownItem.put("item:no-such-item", 3);
        assertThat(assessor.post("learn/assessment/relationship/answer", unknownItem).status()).isEqualTo(400);
        Page nothingStored = learnerPage(assessor.get("learn/assessment/relationship?phase=pre&s=" + form.token()));
        assertThat(nothingStored.body()).as("no answer was stored").doesNotContain(" checked");

        // the same assessment submitted twice
        Page submitted = ok(assessor, assessor.post("learn/assessment/relationship/submit", allAnswers(form, false)));
        String receipt = submitted.find("id=\"result\"><p>(.*?)</p>");
        Page again = assessor.post("learn/assessment/relationship/submit", allAnswers(form, false));
        assertThat(again.status()).as("double submit\n" + again).isEqualTo(409);
        Map<String, Object> lateAnswer = form(form);
        lateAnswer.put("item:understanding-1", 2);
        assertThat(assessor.post("learn/assessment/relationship/answer", lateAnswer).status()).isEqualTo(409);
        assertThat(assessor.post("learn/assessment/relationship/save", lateAnswer).status()).isEqualTo(409);
        Page stillSubmitted = learnerPage(assessor.get("learn/assessment/relationship?phase=pre&s=" + form.token()));
        assertThat(stillSubmitted.find("id=\"result\"><p>(.*?)</p>")).isEqualTo(receipt);
    }

    // ---------------------------------------------------------------- consent

    @Test
    void learnerWhoDeclinesConsentStillCompletes() throws Exception {
        Scenario scenario = scenario("winter-escalation");
        LearnerBrowser priya = clinician();
        Page scene = learnerPage(priya.launch("scenario-" + scenario.id()));
        String token = scene.token();
        String next = "/learn/scenario/" + scenario.id();

        // the profile questions, as the "Change" link opens them: the group comes from the course
        Page profile = learnerPage(priya.get("learn/profile?next=" + LearnerBrowser.enc(next) + "&s=" + token));
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body()).contains("you take part as a <strong>Clinician</strong>").doesNotContain("name=\"group\"")
                .contains("name=\"consent\"");
        Map<String, Object> unclear = new LinkedHashMap<>();
        unclear.put("s", token);
        unclear.put("next", next);
        unclear.put("consent", "maybe");
        Page refused = priya.post("learn/profile", unclear);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"profile-error\"");

        Map<String, Object> decline = new LinkedHashMap<>(unclear);
        decline.put("consent", "no");
        Page declined = priya.post("learn/profile", decline);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(303);
        assertThat(URI.create(declined.location()).getPath()).isEqualTo(next);
        assertThat(learnerPage(priya.get("learn/profile?next=" + LearnerBrowser.enc(next) + "&s=" + token)).body())
                .contains("value=\"no\" checked").doesNotContain("value=\"yes\" checked");

        // declining changes nothing about the activity
        ScenarioJourney journey = ScenarioJourney.toEveryEnding(scenario).get(0);
        Page ending = play(priya, learnerPage(priya.follow(declined)), journey);
        assertThat(ending.find("data-ending=\"([^\"]*)\"")).isEqualTo(journey.endingId());
        assertThat(ending.find("id=\"result\">.*?<strong>(\\d+)%</strong>")).isEqualTo(String.valueOf(journey.scorePercent()));

        Page list = learnerPage(priya.get("learn/activities?s=" + token));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("kept out of the programme evaluation");
        assertThat(list.find(java.util.regex.Pattern.quote(html(scenario.title())) + "</a>.*?<span class=\"status\">([^<]*)</span>"))
                .isEqualTo("Completed, score " + journey.scorePercent() + "%");

        // a hand-made "next" that is not a URI is a bad request, not a server error
        Map<String, Object> oddNext = new LinkedHashMap<>(decline);
        oddNext.put("next", "/learn/activities x");
        Page odd = priya.post("learn/profile", oddNext);
        assertThat(odd.status()).as("BUG: POST /learn/profile with next=\"/learn/activities x\" must answer 303 (to /learn) or 400, "
                + "not a server error; ProfileResource.answer passes safeNext(next) to URI.create unchecked\n" + odd)
                .isIn(303, 400);
    }
}
