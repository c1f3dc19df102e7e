package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;
import org.tandem.catalogue.entity.Seat;
import org.tandem.catalogue.entity.Subscale;

/**
 * The starter pack Tandem ships passes its own validation (read from the class path, as at start)
 * and has at least the content the product promises.
 */
class StarterPackTest {

    static ContentPack starter;

    @BeforeAll
    static void readStarterPack() {
        starter = new PackReader().readClasspath("content/starter");
    }

    @Test
    void isTheStarterPack() {
        assertThat(starter.id()).isEqualTo("starter");
        assertThat(starter.version()).isPositive();
        assertThat(starter.title()).isNotBlank();
    }

    @Test
    void hasThreeJointModulesWithBothViewsInEverySection() {
        assertThat(starter.modules()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(starter.modules()).allSatisfy(module -> {
            assertThat(module.sections()).isNotEmpty();
            assertThat(module.sections()).allSatisfy(section -> {
                assertThat(section.managerView()).isNotBlank();
                assertThat(section.clinicianView()).isNotBlank();
            });
        });
    }

    @Test
    void hasFourScenariosWithAtLeastTwoForEachSeat() {
        assertThat(starter.scenarios()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(starter.scenarios().stream().filter(s -> s.seat() == Seat.MANAGER)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(starter.scenarios().stream().filter(s -> s.seat() == Seat.CLINICIAN)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyScenarioHasDepthChoicesEndingsAndDebriefs() {
        for (Scenario scenario : starter.scenarios()) {
            assertThat(scenario.scenes()).as(scenario.id() + " scenes").hasSizeGreaterThanOrEqualTo(6);
            assertThat(scenario.scenes()).as(scenario.id() + " choices per scene")
                    .allSatisfy(scene -> assertThat(scene.choices()).hasSizeBetween(2, 3));
            assertThat(scenario.endings()).as(scenario.id() + " endings").hasSizeGreaterThanOrEqualTo(3);
            assertThat(scenario.endings()).as(scenario.id() + " debriefs")
                    .allSatisfy(ending -> assertThat(ending.debrief()).isNotBlank());
        }
    }

    @Test
    void choicesMoveEveryMeasureOfEveryScenario() {
        for (Scenario scenario : starter.scenarios()) {
            Set<String> moved = scenario.scenes().stream().flatMap(scene -> scene.choices().stream())
                    .flatMap(choice -> choice.effects().entrySet().stream())
                    .filter(effect -> effect.getValue() != 0)
                    .map(effect -> effect.getKey())
                    .collect(Collectors.toSet());
            assertThat(scenario.measures()).as(scenario.id() + " measures").isNotEmpty();
            assertThat(moved).as(scenario.id() + " measures moved by choices")
                    .containsAll(scenario.measures().stream().map(Measure::id).toList());
            List<Integer> points = scenario.scenes().stream().flatMap(scene -> scene.choices().stream()).map(Choice::points).toList();
            assertThat(points).as(scenario.id() + " rubric tells choices apart").contains(0, 3);
        }
    }

    /**
     * Choices are shuffled when played, but a pack that kept the good option first or made it the
     * longest and most detailed would still give it away (to anyone reading the pack, to a
     * scenario with authored order, and by length in any order).
     */
    @Test
    void bestChoicesAreNotRecognisableByPositionOrLength() {
        List<Scene> decisions = starter.scenarios().stream().flatMap(s -> s.scenes().stream()).toList();
        Map<Integer, Long> bestAt = new TreeMap<>();
        long bestIsLongest = 0;
        double bestLength = 0;
        double otherLength = 0;
        int others = 0;
        for (Scene scene : decisions) {
            List<Choice> choices = scene.choices();
            int top = choices.stream().mapToInt(Choice::points).max().orElseThrow();
            int best = IntStream.range(0, choices.size()).filter(i -> choices.get(i).points() == top).findFirst().orElseThrow();
            bestAt.merge(best, 1L, Long::sum);
            int longest = choices.stream().mapToInt(c -> c.text().length()).max().orElseThrow();
            if (choices.get(best).text().length() == longest) {
                bestIsLongest++;
            }
            bestLength += choices.get(best).text().length();
            for (int i = 0; i < choices.size(); i++) {
                if (i != best) {
                    otherLength += choices.get(i).text().length();
                    others++;
                }
            }
        }
        assertThat(bestAt.keySet()).as("the best choice stands first, second and third").contains(0, 1, 2);
        assertThat(bestAt.values()).as("no position holds the best choice in half the decisions (%s)", bestAt)
                .allMatch(n -> n * 2 < decisions.size());
        assertThat(bestIsLongest * 3).as("the best choice is the longest in %d of %d decisions", bestIsLongest, decisions.size())
                .isLessThanOrEqualTo(decisions.size());
        assertThat(bestLength / decisions.size()).as("average length of the best choices against the others")
                .isLessThan(1.1 * otherLength / others);
    }

    @Test
    void hasTheRelationshipInstrument() {
        assertThat(starter.instruments()).hasSizeGreaterThanOrEqualTo(1);
        Instrument instrument = starter.instruments().get(0);
        assertThat(instrument.subscales()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(instrument.subscales()).allSatisfy(subscale -> assertThat(subscale.items()).hasSizeGreaterThanOrEqualTo(4));
        assertThat(instrument.items()).anyMatch(Item::reverse).anyMatch(item -> !item.reverse());
        assertThat(instrument.outlook()).isNotNull();
        assertThat(instrument.outlook().options()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(instrument.thenTest()).isTrue();
        assertThat(instrument.subscales()).extracting(Subscale::id).doesNotHaveDuplicates();
    }

    @Test
    void roundTripsThroughTheStoredForm() {
        assertThat(PackJson.fromJson(PackJson.toJson(starter))).isEqualTo(starter);
    }
}
