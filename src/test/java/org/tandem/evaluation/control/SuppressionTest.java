package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private final Suppression standard = Suppression.standard();

    @Test
    void defaultMinimumIsEight() {
        assertThat(standard.minimum()).isEqualTo(8);
        assertThat(standard.allows(8)).isTrue();
        assertThat(standard.allows(7)).isFalse();
    }

    @Test
    void minimumMayBeConfiguredDownToFiveButNotBelow() {
        assertThat(new Suppression(5).allows(5)).isTrue();
        assertThat(new Suppression(5).allows(4)).isFalse();
        assertThat(new Suppression(12).allows(11)).isFalse();
        assertThatThrownBy(() -> new Suppression(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The minimum group size for reporting is at least 5; 4 was configured");
    }

    @Test
    void groupsOfEightAreShown() {
        assertThat(standard.withheld(Map.of(Cohort.ALL, 16, Cohort.MANAGERS, 8, Cohort.CLINICIANS, 8), "matched learners")).isEmpty();
    }

    @Test
    void aGroupOfSevenIsSuppressedWithAReasonThatHidesTheExactCount() {
        Map<Cohort, String> withheld = standard.withheld(
                Map.of(Cohort.ALL, 27, Cohort.MANAGERS, 10, Cohort.CLINICIANS, 10, Cohort.OTHERS, 7), "matched learners");

        assertThat(withheld).containsEntry(Cohort.OTHERS,
                "Suppressed: fewer than 8 matched learners (the minimum for reporting is 8).");
        assertThat(withheld.get(Cohort.OTHERS)).doesNotContain("7");
    }

    @Test
    void withholdsTheNextSmallestGroupWhenTheOverallFigureWouldRevealASuppressedOne() {
        // All = 25 and managers = 10 shown with clinicians = 8 would give the 7 others' mean back.
        Map<Cohort, String> withheld = standard.withheld(
                Map.of(Cohort.ALL, 25, Cohort.MANAGERS, 10, Cohort.CLINICIANS, 8, Cohort.OTHERS, 7), "matched learners");

        assertThat(withheld).containsOnlyKeys(Cohort.OTHERS, Cohort.CLINICIANS);
        assertThat(withheld.get(Cohort.CLINICIANS)).startsWith("Suppressed: shown alongside the figures for all learners");
    }

    @Test
    void withTwoGroupsSuppressingOneSuppressesTheOther() {
        Map<Cohort, String> withheld = standard.withheld(Map.of(Cohort.ALL, 15, Cohort.MANAGERS, 8, Cohort.CLINICIANS, 7),
                "matched learners");

        assertThat(withheld).containsOnlyKeys(Cohort.MANAGERS, Cohort.CLINICIANS);
    }

    @Test
    void suppressedGroupsThatTogetherReachTheMinimumNeedNoMore() {
        Map<Cohort, String> withheld = standard.withheld(
                Map.of(Cohort.ALL, 30, Cohort.MANAGERS, 5, Cohort.CLINICIANS, 22, Cohort.OTHERS, 3), "matched learners");

        assertThat(withheld).containsOnlyKeys(Cohort.MANAGERS, Cohort.OTHERS);
    }

    @Test
    void emptyGroupsAreNotSuppressed() {
        assertThat(standard.withheld(Map.of(Cohort.ALL, 9, Cohort.MANAGERS, 9), "matched learners")).isEmpty();
    }

    @Test
    void tooFewOverallSuppressesEverything() {
        Map<Cohort, String> withheld = standard.withheld(Map.of(Cohort.ALL, 7, Cohort.MANAGERS, 7), "matched learners");

        assertThat(withheld).containsOnlyKeys(Cohort.values());
    }
}
