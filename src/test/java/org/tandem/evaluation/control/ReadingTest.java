package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReadingTest {

    private static PairedComparison withChange(double mean, double dz, double lower, double upper) {
        Summary any = Summary.of(new double[] {1, 2, 3});
        return new PairedComparison(20, any, any, Outcome.of(mean), Outcome.of(mean / dz), Outcome.of(new Interval(lower, upper)),
                Outcome.of(new TTestResult(1, 19, 0.2)), Outcome.undefined("not needed"), Outcome.of(dz), Outcome.of(dz));
    }

    @Test
    void saysAnIntervalIncludingNoChangeDoesNotShowAChange() {
        Reading reading = withChange(0.18, 0.31, -0.05, 0.42).reading("Trust");

        assertThat(reading.text()).isEqualTo("On average the post scores were higher than the pre scores (mean change +0.18 points, "
                + "20 learners). The average change was small (d_z = 0.31) and the 95 % interval (\u22120.05 to 0.42) includes "
                + "no change; this does not show a change.");
    }

    @Test
    void saysAnIntervalExcludingNoChangeMakesAChangeLikelyWithoutSayingWhy() {
        Reading reading = withChange(-0.5, -0.9, -0.8, -0.2).reading("Trust");

        assertThat(reading.text()).contains("the post scores were lower than the pre scores")
                .contains("The average change was large (d_z = \u22120.90)")
                .contains("excludes no change, so the post scores are likely lower than the pre scores for learners like these")
                .contains("does not show why");
    }

    @Test
    void namesSizesByCohensThresholds() {
        assertThat(Reading.size(0.19)).isEqualTo("negligible");
        assertThat(Reading.size(0.2)).isEqualTo("small");
        assertThat(Reading.size(-0.49)).isEqualTo("small");
        assertThat(Reading.size(0.5)).isEqualTo("medium");
        assertThat(Reading.size(0.8)).isEqualTo("large");
    }

    @Test
    void readsAResultWithoutSpreadAsNotShowingAChange() {
        Reading reading = PairedComparison.of(new double[] {2, 3}, new double[] {3, 4}).reading("Trust");

        assertThat(reading.text()).contains("Every learner's change is the same (+1.00)")
                .endsWith("This does not show a change beyond these learners.");
    }

    @Test
    void readsAGroupDifference() {
        Reading reading = GroupDifference.of(PairedComparisonTest.DRUG_1, PairedComparisonTest.DRUG_2).reading("Total");

        assertThat(reading.text()).isEqualTo("On average the managers' scores changed by +0.75 points and the clinicians' by "
                + "+2.33 points, a difference of \u22121.58 points. The 95 % interval of the difference (\u22123.37 to 0.21) "
                + "includes no difference; this does not show that the groups changed differently.");
    }

    @Test
    void readsAlphaAgainstTheUsualThreshold() {
        CronbachAlpha low = new CronbachAlpha(4, 30, 0, Outcome.of(0.55));
        CronbachAlpha good = new CronbachAlpha(4, 30, 2, Outcome.of(0.84));

        assertThat(low.reading("Trust").text()).contains("Cronbach's alpha is 0.55").contains("below the 0.70");
        assertThat(good.reading("Trust").text()).isEqualTo("Cronbach's alpha is 0.84 (4 items, 30 learners who answered them all). "
                + "That meets the 0.70 usually expected of a scale: the items hang together.");
    }

    @Test
    void aSuppressedOrUndefinedResultReadsAsItsReason() {
        assertThat(Reading.of("Trust", Outcome.suppressed("Suppressed: too few.")).text()).isEqualTo("Suppressed: too few.");
        assertThat(PairedComparison.of(new double[0], new double[0]).reading("Trust").text()).isEqualTo("No learners to describe.");
    }

    @Test
    void neverUsesCausalLanguage() {
        String[] readings = {
            withChange(0.18, 0.31, -0.05, 0.42).reading("x").text(),
            withChange(0.6, 0.9, 0.3, 0.9).reading("x").text(),
            withChange(-0.6, -0.9, -0.9, -0.3).reading("x").text(),
            GroupDifference.of(new double[] {2, 3, 2.5, 3.5}, new double[] {0, 0.5, -0.5, 0.25}).reading("x").text(),
            PairedComparison.of(new double[] {2, 3}, new double[] {3, 4}).reading("x").text(),
            new CronbachAlpha(3, 12, 0, Outcome.of(0.4)).reading("x").text()};

        for (String reading : readings) {
            assertThat(reading.toLowerCase(Locale.ROOT)).doesNotContain("caus", "because", "effect", "impact", "improv",
                    "led to", "due to", "thanks to", "result of", "prove");
        }
    }

    @Test
    void roundsTinyNegativesWithoutAMinusSign() {
        assertThat(Reading.number(-0.001)).isEqualTo("0.00");
        assertThat(Reading.signed(0.25)).isEqualTo("+0.25");
        assertThat(Reading.number(-1.5)).isEqualTo("\u22121.50");
    }
}
