package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Ending;

class ChoiceComparisonTest {

    @Test
    void showsEachDecisionOfBothPartnersWithSceneTitlesAndChoiceTexts() {
        ScenarioPlay mine = ScenarioPlay.replay(TestContent.discharge(), List.of("listen", "escalate"));
        ScenarioPlay theirs = ScenarioPlay.replay(TestContent.discharge(), List.of("push", "escalate"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        assertThat(c.rows()).hasSize(2);
        ChoiceComparison.Row first = c.rows().get(0);
        assertThat(first.decision()).isEqualTo(1);
        assertThat(first.sameScene()).isTrue();
        assertThat(first.sameChoice()).isFalse();
        assertThat(first.mine()).hasValueSatisfying(t -> {
            assertThat(t.sceneTitle()).isEqualTo("Title of ward-round");
            assertThat(t.choiceText()).isEqualTo("Text of listen");
        });
        assertThat(first.theirs()).hasValueSatisfying(t -> assertThat(t.choiceText()).isEqualTo("Text of push"));
        assertThat(c.rows().get(1).sameChoice()).isTrue();
        assertThat(c.agreements()).isEqualTo(1);
        assertThat(c.mine()).map(Ending::id).contains("safe-discharge");
    }

    @Test
    void keepsTheLongerPathWhenPathsPart() {
        ScenarioPlay mine = ScenarioPlay.replay(TestContent.discharge(), List.of("skip"));
        ScenarioPlay theirs = ScenarioPlay.replay(TestContent.discharge(), List.of("listen", "wait"));

        ChoiceComparison c = ChoiceComparison.of(mine, theirs);

        assertThat(c.rows()).hasSize(2);
        assertThat(c.rows().get(1).mine()).isEmpty();
        assertThat(c.rows().get(1).theirs()).hasValueSatisfying(t -> assertThat(t.sceneId()).isEqualTo("bed-meeting"));
        assertThat(c.mine()).map(Ending::id).contains("rushed-discharge");
        assertThat(c.theirs()).map(Ending::id).contains("delayed");
        assertThat(c.agreements()).isZero();
    }
}
