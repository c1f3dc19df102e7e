package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupDifferenceTest {

    @Test
    void welchTestAndIntervalMatchRsSleepExample() {
        // R documentation, ?t.test (stats), example t.test(extra ~ group, data = sleep), Welch's test
        // by default: t = -1.8608, df = 17.776, p-value = 0.07939; 95 percent confidence interval
        // -3.3654832 0.2054832 for group 1 − group 2. Group 1 plays the managers here.
        GroupDifference sleep = GroupDifference.of(PairedComparisonTest.DRUG_1, PairedComparisonTest.DRUG_2);

        assertThat(sleep.difference().get()).isCloseTo(0.75 - 2.33, within(1e-12));
        assertThat(sleep.welch().get().t()).isCloseTo(-1.8608, within(5e-5));
        assertThat(sleep.welch().get().degreesOfFreedom()).isCloseTo(17.776, within(5e-4));
        assertThat(sleep.welch().get().p()).isCloseTo(0.07939, within(5e-6));
        assertThat(sleep.interval().get().lower()).isCloseTo(-3.3654832, within(5e-8));
        assertThat(sleep.interval().get().upper()).isCloseTo(0.2054832, within(5e-8));
    }

    @Test
    void welchDegreesOfFreedomFollowWelchSatterthwaite() {
        // Second, independent route to the df: (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1−1) + (s2²/n2)²/(n2−1)).
        double[] managers = {0.5, 1.0, 0.25, 0.75, 1.5};
        double[] clinicians = {0.0, -0.25, 0.5, 0.25, 0.0, 0.75, -0.5};
        GroupDifference difference = GroupDifference.of(managers, clinicians);

        double a = Math.pow(difference.managers().sd().get(), 2) / 5;
        double b = Math.pow(difference.clinicians().sd().get(), 2) / 7;
        double df = (a + b) * (a + b) / (a * a / 4 + b * b / 6);
        assertThat(difference.welch().get().degreesOfFreedom()).isCloseTo(df, within(1e-9));
    }

    @Test
    void aMissingGroupGivesNoDifference() {
        GroupDifference difference = GroupDifference.of(new double[] {1, 2}, new double[0]);

        assertThat(difference.difference().reason()).hasValue("A difference between groups needs learners in both; there are no clinicians.");
        assertThat(difference.welch().defined()).isFalse();
    }

    @Test
    void oneLearnerInAGroupGivesTheDifferenceButNoTest() {
        GroupDifference difference = GroupDifference.of(new double[] {1.0}, new double[] {0.25, 0.75});

        assertThat(difference.difference().get()).isEqualTo(0.5);
        assertThat(difference.interval().reason()).hasValue("Welch's test needs at least two learners in each group.");
    }

    @Test
    void noSpreadInEitherGroupGivesNoTest() {
        GroupDifference difference = GroupDifference.of(new double[] {1, 1, 1}, new double[] {0, 0});

        assertThat(difference.difference().get()).isEqualTo(1.0);
        assertThat(difference.welch().defined()).isFalse();
        assertThat(difference.interval().defined()).isFalse();
    }
}
