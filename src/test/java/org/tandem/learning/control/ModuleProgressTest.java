package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.tandem.learning.control.TestContent.plain;
import static org.tandem.learning.control.TestContent.reflection;
import static org.tandem.learning.control.TestContent.waitingList;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Module;

class ModuleProgressTest {

    private final Module module = waitingList();

    /** At the who-decides section, what-counts answered with {@code option}. */
    private ModuleProgress atLastSection(int option) {
        return ModuleProgress.start(module).advance().answer("what-counts", option).advance().advance();
    }

    @Test
    void startsAtTheFirstSectionWithNothingAnswered() {
        ModuleProgress progress = ModuleProgress.start(module);

        assertThat(progress.sectionIndex()).isZero();
        assertThat(progress.currentSection()).get().extracting(s -> s.id()).isEqualTo("the-list");
        assertThat(progress.answers()).isEmpty();
        assertThat(progress.reflections()).isEmpty();
        assertThat(progress.completed()).isFalse();
    }

    @Test
    void movesOnPastSectionsWithoutACheck() {
        ModuleProgress progress = ModuleProgress.start(module).advance();

        assertThat(progress.currentSection()).get().extracting(s -> s.id()).isEqualTo("what-counts");
    }

    @Test
    void refusesToMoveOnPastAnUnansweredCheck() {
        ModuleProgress atCheck = ModuleProgress.start(module).advance();

        assertThatThrownBy(atCheck::advance).isInstanceOf(InvalidAnswer.class).hasMessageContaining("what-counts");
        assertThat(atCheck.answer("what-counts", 2).advance().sectionIndex()).isEqualTo(2);
    }

    @Test
    void answersAreFinal() {
        ModuleProgress answered = ModuleProgress.start(module).advance().answer("what-counts", 0);

        assertThatThrownBy(() -> answered.answer("what-counts", 1)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("already answered");
    }

    @Test
    void refusesAnswerToASectionWithoutACheck() {
        assertThatThrownBy(() -> ModuleProgress.start(module).answer("the-list", 0)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("no knowledge check");
    }

    @Test
    void refusesOptionOutOfRange() {
        ModuleProgress atCheck = ModuleProgress.start(module).advance();

        assertThatThrownBy(() -> atCheck.answer("what-counts", 3)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("0 to 2");
        assertThatThrownBy(() -> atCheck.answer("what-counts", -1)).isInstanceOf(InvalidAnswer.class);
    }

    @Test
    void refusesAnswerToASectionNotReachedYet() {
        assertThatThrownBy(() -> ModuleProgress.start(module).answer("what-counts", 1)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("not reached");
    }

    @Test
    void refusesUnknownSection() {
        assertThatThrownBy(() -> ModuleProgress.start(module).answer("nowhere", 0)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("no section 'nowhere'");
    }

    @Test
    void completesAfterTheLastSection() {
        ModuleProgress done = atLastSection(1).answer("who-decides", 0).advance();

        assertThat(done.completed()).isTrue();
        assertThat(done.currentSection()).isEmpty();
        assertThat(done.sectionIndex()).isEqualTo(4);
        assertThatThrownBy(done::advance).isInstanceOf(InvalidAnswer.class).hasMessageContaining("completed");
    }

    @Test
    void scoresTheShareOfChecksAnsweredCorrectly() {
        assertThat(atLastSection(1).answer("who-decides", 0).score()).isEqualTo(1.0);
        assertThat(atLastSection(1).answer("who-decides", 1).score()).isEqualTo(0.5);
        assertThat(atLastSection(0).answer("who-decides", 1).score()).isEqualTo(0.0);
        assertThat(atLastSection(1).score()).as("unanswered checks count as wrong").isEqualTo(0.5);
    }

    @Test
    void scoresFullWhenTheModuleHasNoChecks() {
        Module noChecks = new Module("m", "M", "S", 5, List.of(reflection("a"), plain("b")));

        assertThat(ModuleProgress.start(noChecks).score()).isEqualTo(1.0);
    }

    @Test
    void givesFeedbackOnEveryAnsweredCheck() {
        ModuleProgress progress = atLastSection(2).answer("who-decides", 0);

        assertThat(progress.feedback("what-counts")).contains(
                new CheckFeedback("what-counts", 2, 1, "Explanation of what-counts"));
        assertThat(progress.feedback("what-counts").orElseThrow().correct()).isFalse();
        assertThat(progress.feedback("who-decides").orElseThrow().correct()).isTrue();
        assertThat(progress.feedback()).extracting(CheckFeedback::sectionId).containsExactly("what-counts", "who-decides");
        assertThat(ModuleProgress.start(module).feedback("what-counts")).isEmpty();
    }

    @Test
    void keepsAndReplacesReflections() {
        ModuleProgress progress = ModuleProgress.start(module).reflect("the-list", "First thought");
        ModuleProgress later = progress.advance().reflect("the-list", "Second thought");

        assertThat(progress.reflections()).containsExactly(entry("the-list", "First thought"));
        assertThat(later.reflections()).containsExactly(entry("the-list", "Second thought"));
        assertThat(later.reflect("the-list", "  ").reflections()).isEmpty();
    }

    @Test
    void refusesReflectionLongerThanTheLimit() {
        ModuleProgress progress = ModuleProgress.start(module);
        String longest = "é".repeat(ModuleProgress.MAX_REFLECTION_LENGTH);
        String emoji = "\uD83D\uDE42".repeat(ModuleProgress.MAX_REFLECTION_LENGTH); // 8000 UTF-16 units, 4000 characters

        assertThat(progress.reflect("the-list", longest).reflections()).containsKey("the-list");
        assertThat(progress.reflect("the-list", emoji).reflections()).containsKey("the-list");
        assertThatThrownBy(() -> progress.reflect("the-list", longest + "x")).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("4000").hasMessageContaining("4001");
    }

    @Test
    void refusesReflectionOnASectionThatAsksForNone() {
        ModuleProgress atCheck = ModuleProgress.start(module).advance();

        assertThatThrownBy(() -> atCheck.reflect("what-counts", "Thoughts")).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("no reflection");
    }

    @Test
    void restoresStoredProgress() {
        ModuleProgress restored = ModuleProgress.restore(module, 3, Map.of("what-counts", 1),
                Map.of("the-list", "Kept"));

        assertThat(restored.currentSection()).get().extracting(s -> s.id()).isEqualTo("who-decides");
        assertThat(restored.answers()).containsExactly(entry("what-counts", 1));
        assertThat(restored.reflections()).containsExactly(entry("the-list", "Kept"));
    }

    @Test
    void refusesStoredProgressThatNoLongerFits() {
        assertThatThrownBy(() -> ModuleProgress.restore(module, 3, Map.of(), Map.of()))
                .as("moved past an unanswered check").isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> ModuleProgress.restore(module, 1, Map.of("who-decides", 0), Map.of()))
                .as("answered ahead").isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> ModuleProgress.restore(module, 9, Map.of(), Map.of()))
                .as("outside the module").isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> ModuleProgress.restore(module, 2, Map.of("what-counts", 7), Map.of()))
                .as("option gone").isInstanceOf(InvalidAnswer.class);
    }
}
