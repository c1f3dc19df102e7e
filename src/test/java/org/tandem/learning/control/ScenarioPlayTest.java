package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tandem.learning.control.TestContent.choice;
import static org.tandem.learning.control.TestContent.discharge;
import static org.tandem.learning.control.TestContent.ending;
import static org.tandem.learning.control.TestContent.scenario;
import static org.tandem.learning.control.TestContent.scene;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.ChoiceOrder;
import org.tandem.catalogue.entity.Scenario;

class ScenarioPlayTest {

    @Test
    void startsAtTheStartSceneWithInitialMeasuresAndNoPath() {
        ScenarioPlay play = ScenarioPlay.start(discharge());

        assertThat(play.currentScene()).get().extracting(s -> s.id()).isEqualTo("ward-round");
        assertThat(play.measures()).containsExactly(
                org.assertj.core.api.Assertions.entry("safety", 50),
                org.assertj.core.api.Assertions.entry("trust", 50),
                org.assertj.core.api.Assertions.entry("budget", 10));
        assertThat(play.path()).isEmpty();
        assertThat(play.ended()).isFalse();
        assertThat(play.ending()).isEmpty();
        assertThat(play.lastChoice()).isEmpty();
    }

    @Test
    void choiceMovesMeasuresAndLeadsToTheNextScene() {
        ScenarioPlay play = ScenarioPlay.start(discharge()).choose("listen");

        assertThat(play.currentScene()).get().extracting(s -> s.id()).isEqualTo("bed-meeting");
        assertThat(play.measures()).containsEntry("safety", 55).containsEntry("trust", 60).containsEntry("budget", 10);
        assertThat(play.path()).containsExactly(new Step("ward-round", "listen"));
        assertThat(play.lastChoice()).get().extracting(c -> c.feedback()).isEqualTo("Feedback on listen");
    }

    @Test
    void clampsMeasuresToTheirRange() {
        ScenarioPlay play = ScenarioPlay.start(discharge()).choose("push");

        assertThat(play.measures()).containsEntry("safety", 100).containsEntry("trust", 0).containsEntry("budget", 15);
        play = play.choose("escalate");
        assertThat(play.measures()).containsEntry("budget", 10);
    }

    @Test
    void keepsMeasuresInTheOrderTheScenarioDeclares() {
        ScenarioPlay play = ScenarioPlay.start(discharge()).choose("push");

        assertThat(play.measures().keySet()).containsExactly("safety", "trust", "budget");
    }

    @Test
    void endsWhenAChoiceLeadsToAnEnding() {
        ScenarioPlay play = ScenarioPlay.start(discharge()).choose("listen").choose("escalate");

        assertThat(play.ended()).isTrue();
        assertThat(play.currentScene()).isEmpty();
        assertThat(play.ending()).get().extracting(e -> e.id()).isEqualTo("safe-discharge");
        assertThat(play.path()).containsExactly(new Step("ward-round", "listen"), new Step("bed-meeting", "escalate"));
        assertThat(play.choiceIds()).containsExactly("listen", "escalate");
    }

    @Test
    void choosingLeavesThePreviousPlayUnchanged() {
        ScenarioPlay start = ScenarioPlay.start(discharge());
        start.choose("push");

        assertThat(start.path()).isEmpty();
        assertThat(start.measures()).containsEntry("trust", 50);
        assertThat(start.currentScene()).get().extracting(s -> s.id()).isEqualTo("ward-round");
    }

    @Test
    void refusesChoiceFromAnotherScene() {
        ScenarioPlay play = ScenarioPlay.start(discharge());

        assertThatThrownBy(() -> play.choose("escalate")).isInstanceOf(InvalidChoice.class)
                .hasMessageContaining("ward-round").hasMessageContaining("escalate");
    }

    @Test
    void refusesUnknownChoice() {
        assertThatThrownBy(() -> ScenarioPlay.start(discharge()).choose("shrug")).isInstanceOf(InvalidChoice.class)
                .hasMessageContaining("shrug").hasMessageContaining("[listen, push, skip]");
    }

    @Test
    void refusesChoiceAfterThePlayHasEnded() {
        ScenarioPlay ended = ScenarioPlay.start(discharge()).choose("skip");

        assertThatThrownBy(() -> ended.choose("listen")).isInstanceOf(InvalidChoice.class).hasMessageContaining("ended");
    }

    @Test
    void scoresPathAgainstBestPossiblePath() {
        Scenario discharge = discharge();

        assertThat(ScenarioPlay.replay(discharge, List.of("listen", "escalate")).score()).hasValue(1.0);
        assertThat(ScenarioPlay.replay(discharge, List.of("push", "escalate")).score()).hasValue(0.6);
        assertThat(ScenarioPlay.replay(discharge, List.of("push", "wait")).score().getAsDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(ScenarioPlay.replay(discharge, List.of("skip")).score()).hasValue(0.0);
    }

    @Test
    void hasNoScoreBeforeTheEnd() {
        assertThat(ScenarioPlay.start(discharge()).choose("listen").score()).isEmpty();
    }

    @Test
    void bestPathIsFoundBeyondTheGreedyFirstStep() {
        // taking 3 points first leads to a dead end worth nothing more; 0 first opens 3 + 3
        Scenario scenario = scenario("a", List.of(
                        scene("a", choice("rich", "x", 3), choice("poor", "y", 0)),
                        scene("x", choice("x-out", "end", 0), choice("x-stay", "end", 0)),
                        scene("y", choice("y-on", "z", 3), choice("y-out", "end", 0)),
                        scene("z", choice("z-out", "end", 3), choice("z-out-2", "end", 1))),
                List.of(ending("end")));

        assertThat(ScenarioPlay.bestPoints(scenario)).isEqualTo(6);
        assertThat(ScenarioPlay.replay(scenario, List.of("rich", "x-out")).score()).hasValue(0.5);
    }

    @Test
    void scoresFullWhenNoPathEarnsPoints() {
        Scenario scenario = scenario("a", List.of(scene("a", choice("one", "end", 0), choice("two", "end", 0))),
                List.of(ending("end")));

        assertThat(ScenarioPlay.replay(scenario, List.of("one")).score()).hasValue(1.0);
    }

    @Test
    void survivesACycleInTheSceneGraphAndKeepsTheScoreAShare() {
        Scenario looping = scenario("s1", List.of(
                        scene("s1", choice("on", "s2", 1), choice("leave", "end", 0)),
                        scene("s2", choice("back", "s1", 2), choice("out", "end", 1))),
                List.of(ending("end")));

        // a revisit adds nothing more: on (1) + back (2) = 3 beats on (1) + out (1)
        assertThat(ScenarioPlay.bestPoints(looping)).isEqualTo(3);
        ScenarioPlay round = ScenarioPlay.replay(looping, List.of("on", "back", "on", "out"));
        assertThat(round.ended()).isTrue();
        assertThat(round.score()).hasValue(1.0);
    }

    @Test
    void bestPathLeavesOutBranchesThatNeverEnd() {
        Scenario dangling = scenario("a", List.of(scene("a", choice("lost", "nowhere", 3), choice("home", "end", 1))),
                List.of(ending("end")));

        assertThat(ScenarioPlay.bestPoints(dangling)).isEqualTo(1);
        assertThatThrownBy(() -> ScenarioPlay.start(dangling).choose("lost")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void replaysStoredChoicesToResume() {
        ScenarioPlay resumed = ScenarioPlay.replay(discharge(), List.of("push"));

        assertThat(resumed.currentScene()).get().extracting(s -> s.id()).isEqualTo("bed-meeting");
        assertThat(resumed.measures()).containsEntry("trust", 0);
        assertThat(resumed.path()).containsExactly(new Step("ward-round", "push"));
    }

    @Test
    void refusesToReplayChoicesThatNoLongerFit() {
        assertThatThrownBy(() -> ScenarioPlay.replay(discharge(), List.of("listen", "listen")))
                .isInstanceOf(InvalidChoice.class).hasMessageContaining("Stored choice 2 of 2");
        assertThatThrownBy(() -> ScenarioPlay.replay(discharge(), List.of("skip", "listen")))
                .isInstanceOf(InvalidChoice.class).hasMessageContaining("ended");
    }

    @Test
    void refusesAScenarioThatStartsNowhere() {
        Scenario broken = scenario("missing", List.of(scene("a", choice("one", "end", 0))), List.of(ending("end")));

        assertThatThrownBy(() -> ScenarioPlay.start(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void offersTheChoicesInAnOrderOfTheAttemptThatStaysOnReload() {
        ScenarioPlay play = ScenarioPlay.start(discharge());
        List<String> authored = List.of("listen", "push", "skip");
        Set<List<String>> orders = new HashSet<>();
        for (long attempt = 1; attempt <= 40; attempt++) {
            List<String> offered = ids(play.offeredChoices(attempt));
            assertThat(offered).as("attempt " + attempt).containsExactlyInAnyOrderElementsOf(authored);
            assertThat(ids(ScenarioPlay.replay(discharge(), List.of()).offeredChoices(attempt)))
                    .as("the same attempt, read again").isEqualTo(offered);
            orders.add(offered);
        }
        assertThat(orders).as("40 attempts see every order of three choices").hasSize(6);
        long bestFirst = LongStream.rangeClosed(1, 300).filter(a -> play.offeredChoices(a).get(0).id().equals("listen")).count();
        assertThat(bestFirst).as("the best choice comes first in about a third of 300 attempts").isBetween(70L, 130L);
    }

    @Test
    void shufflesEachSceneOnItsOwn() {
        ScenarioPlay first = ScenarioPlay.start(discharge());
        ScenarioPlay second = first.choose("listen");
        Set<List<String>> pairs = new HashSet<>();
        for (long attempt = 1; attempt <= 40; attempt++) {
            pairs.add(List.of(ids(first.offeredChoices(attempt)).get(0), ids(second.offeredChoices(attempt)).get(0)));
        }
        assertThat(pairs).as("the first scene's order does not fix the second's").hasSize(6);
        assertThat(second.choose("escalate").offeredChoices(1)).as("no choices after the ending").isEmpty();
    }

    @Test
    void keepsTheAuthoredOrderWhenTheScenarioAsksForIt() {
        Scenario shuffled = discharge();
        Scenario authored = new Scenario(shuffled.id(), shuffled.title(), shuffled.summary(), shuffled.seat(), shuffled.start(),
                shuffled.measures(), shuffled.scenes(), shuffled.endings(), ChoiceOrder.AUTHORED);
        for (long attempt = 1; attempt <= 20; attempt++) {
            assertThat(ids(ScenarioPlay.start(authored).offeredChoices(attempt))).containsExactly("listen", "push", "skip");
        }
    }

    private static List<String> ids(List<Choice> choices) {
        return choices.stream().map(Choice::id).toList();
    }
}
