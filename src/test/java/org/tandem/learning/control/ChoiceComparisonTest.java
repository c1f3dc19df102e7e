package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.learning.control.TestContent.choice;
import static org.tandem.learning.control.TestContent.ending;
import static org.tandem.learning.control.TestContent.scenario;
import static org.tandem.learning.control.TestContent.scene;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.learning.control.ChoiceComparison.Parting;
import org.tandem.learning.control.ChoiceComparison.Row;
import org.tandem.learning.control.ChoiceComparison.Taken;

class ChoiceComparisonTest {

    /** start → (left | right) → meet → one of two endings: paths can part and meet again. */
    private static final Scenario DIAMOND = scenario("start", List.of(
                    scene("start", choice("go-left", "left", 1), choice("go-right", "right", 3)),
                    scene("left", choice("on-from-left", "meet", 1)),
                    scene("right", choice("on-from-right", "meet", 3), choice("stop", "early-end", 0)),
                    scene("meet", choice("well", "good-end", 3), choice("badly", "poor-end", 0))),
            List.of(ending("good-end"), ending("poor-end"), ending("early-end")));

    @Test
    void showsEachSceneOfBothPartnersWithTitlesAndChoiceTexts() {
        ScenarioPlay mine = ScenarioPlay.replay(TestContent.discharge(), List.of("listen", "escalate"));
        ScenarioPlay theirs = ScenarioPlay.replay(TestContent.discharge(), List.of("push", "escalate"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        assertThat(c.rows()).extracting(Row::sceneId).containsExactly("ward-round", "bed-meeting");
        Row first = c.rows().get(0);
        assertThat(first.sceneTitle()).isEqualTo("Title of ward-round");
        assertThat(first.shared()).isTrue();
        assertThat(first.sameChoice()).isFalse();
        assertThat(first.mine()).map(Taken::choiceText).contains("Text of listen");
        assertThat(first.theirs()).map(Taken::choiceText).contains("Text of push");
        assertThat(c.rows().get(1).sameChoice()).isTrue();
        assertThat(c.agreements()).isEqualTo(1);
        assertThat(c.sharedScenes()).isEqualTo(2);
        assertThat(c.parted()).as("different choices, same next scene and ending: the paths never parted").isEmpty();
        assertThat(c.mine()).map(Ending::id).contains("safe-discharge");
    }

    @Test
    void comparesBySceneNotByDecisionNumberAndSaysWherePathsPartedAndMet() {
        ScenarioPlay mine = ScenarioPlay.replay(DIAMOND, List.of("go-left", "on-from-left", "well"));
        ScenarioPlay theirs = ScenarioPlay.replay(DIAMOND, List.of("go-right", "on-from-right", "well"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        // by decision number, row 2 would set "left" beside "right" and row 3 find them alike by accident
        assertThat(c.rows()).extracting(Row::sceneId).containsExactly("start", "left", "right", "meet");
        assertThat(c.rows()).extracting(Row::shared).containsExactly(true, false, false, true);
        assertThat(c.rows().get(1).mine()).map(Taken::choiceId).contains("on-from-left");
        assertThat(c.rows().get(1).theirs()).isEmpty();
        assertThat(c.rows().get(2).mine()).isEmpty();
        assertThat(c.rows().get(2).theirs()).map(Taken::choiceId).contains("on-from-right");
        assertThat(c.agreements()).as("alike at the meeting scene only").isEqualTo(1);
        assertThat(c.sharedScenes()).isEqualTo(2);
        assertThat(c.parted()).contains(new Parting("Title of start", Optional.of("Title of meet")));
    }

    @Test
    void saysWherePathsPartedForGood() {
        ScenarioPlay mine = ScenarioPlay.replay(DIAMOND, List.of("go-right", "on-from-right", "badly"));
        ScenarioPlay theirs = ScenarioPlay.replay(DIAMOND, List.of("go-right", "stop"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        assertThat(c.rows()).extracting(Row::sceneId).containsExactly("start", "right", "meet");
        assertThat(c.rows().get(2).theirs()).as("their path had ended").isEmpty();
        assertThat(c.agreements()).isEqualTo(1);
        assertThat(c.sharedScenes()).isEqualTo(2);
        assertThat(c.parted()).contains(new Parting("Title of right", Optional.empty()));
        assertThat(c.mine()).map(Ending::id).contains("poor-end");
        assertThat(c.theirs()).map(Ending::id).contains("early-end");
    }

    @Test
    void keepsBothPathsWhenOnlyThePartnerPassedLaterScenes() {
        ScenarioPlay mine = ScenarioPlay.replay(TestContent.discharge(), List.of("skip"));
        ScenarioPlay theirs = ScenarioPlay.replay(TestContent.discharge(), List.of("listen", "wait"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        assertThat(c.rows()).extracting(Row::sceneId).containsExactly("ward-round", "bed-meeting");
        assertThat(c.rows().get(1).mine()).isEmpty();
        assertThat(c.rows().get(1).theirs()).map(Taken::sceneId).contains("bed-meeting");
        assertThat(c.parted()).contains(new Parting("Title of ward-round", Optional.empty()));
        assertThat(c.mine()).map(Ending::id).contains("rushed-discharge");
        assertThat(c.theirs()).map(Ending::id).contains("delayed");
        assertThat(c.agreements()).isZero();
        assertThat(c.sharedScenes()).isEqualTo(1);
    }
}
