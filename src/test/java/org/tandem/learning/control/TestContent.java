package org.tandem.learning.control;

import java.util.List;
import java.util.Map;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.KnowledgeCheck;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.OutlookItem;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;
import org.tandem.catalogue.entity.Seat;
import org.tandem.catalogue.entity.Section;
import org.tandem.catalogue.entity.Subscale;

/** Small content built with the catalogue records, shared by the learning tests. */
final class TestContent {

    private TestContent() {
    }

    static Choice choice(String id, String next, int points, Map<String, Integer> effects) {
        return new Choice(id, "Text of " + id, effects, next, points, "Feedback on " + id);
    }

    static Choice choice(String id, String next, int points) {
        return choice(id, next, points, Map.of());
    }

    static Scene scene(String id, Choice... choices) {
        return new Scene(id, "Title of " + id, "Narrative of " + id, List.of(choices));
    }

    static Ending ending(String id) {
        return new Ending(id, "Title of " + id, "Narrative of " + id, "Debrief of " + id);
    }

    /**
     * The Friday discharge: ward-round → bed-meeting → safe-discharge or delayed; "skip" ends at
     * once in rushed-discharge. The best path, listen then escalate, earns 5 points.
     */
    static Scenario discharge() {
        return new Scenario("discharge-delay", "The Friday discharge", "Summary", Seat.MANAGER, "ward-round",
                List.of(new Measure("safety", "Patient safety", 50, 0, 100),
                        new Measure("trust", "Team trust", 50, 0, 100),
                        new Measure("budget", "Budget", 10, -20, 20)),
                List.of(scene("ward-round",
                                choice("listen", "bed-meeting", 3, Map.of("trust", 10, "safety", 5)),
                                choice("push", "bed-meeting", 1, Map.of("trust", -70, "safety", 60, "budget", 5)),
                                choice("skip", "rushed-discharge", 0)),
                        scene("bed-meeting",
                                choice("escalate", "safe-discharge", 2, Map.of("budget", -5)),
                                choice("wait", "delayed", 0))),
                List.of(ending("safe-discharge"), ending("delayed"), ending("rushed-discharge")), null);
    }

    static Scenario scenario(String start, List<Scene> scenes, List<Ending> endings) {
        return new Scenario("test", "Test", "Summary", Seat.CLINICIAN, start, List.of(), scenes, endings, null);
    }

    static Section reflection(String id) {
        return new Section(id, "Title of " + id, null, "Manager view", "Clinician view", "What would you tell them?", null);
    }

    static Section check(String id, int correct, String... options) {
        return new Section(id, "Title of " + id, null, "Manager view", "Clinician view", null,
                new KnowledgeCheck("Question of " + id, List.of(options), correct, "Explanation of " + id));
    }

    static Section plain(String id) {
        return new Section(id, "Title of " + id, "Intro", "Manager view", "Clinician view", null, null);
    }

    /** the-list (reflection), what-counts (check, right answer 1 of 3), context (plain), who-decides (check, 0 of 2). */
    static Module waitingList() {
        return new Module("two-views-waiting-list", "Two views", "Summary", 15, List.of(
                reflection("the-list"),
                check("what-counts", 1, "First", "Second", "Third"),
                plain("context"),
                check("who-decides", 0, "Yes", "No")));
    }

    static Item item(String id, boolean reverse) {
        return new Item(id, "Text of " + id, reverse);
    }

    /**
     * Scale 1–5; understanding has u1, u2 (reversed), u3, u4; trust has t1, t2 (reversed); an
     * outlook with three options; then-test and a free-text question as given.
     */
    static Instrument relationship(boolean thenTest, boolean outlook, String freeTextPrompt) {
        return new Instrument("relationship", 1, "Working together", "Instructions",
                new Scale(1, 5, List.of("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree")),
                List.of(new Subscale("understanding", "Understanding",
                                List.of(item("u1", false), item("u2", true), item("u3", false), item("u4", false))),
                        new Subscale("trust", "Trust", List.of(item("t1", false), item("t2", true)))),
                outlook ? new OutlookItem("outlook", "In five years…", List.of("Better", "Same", "Worse")) : null,
                thenTest, freeTextPrompt);
    }

    static Instrument relationship() {
        return relationship(true, true, "Anything else?");
    }
}
