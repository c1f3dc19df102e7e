package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.tandem.catalogue.entity.Scale;
import org.junit.jupiter.api.Test;

class ReadingTest {

    static final Scale LIKERT = new Scale(1, 5, List.of("1", "2", "3", "4", "5"));

    private static PairedComparison withChange(double mean, double dz, double gav, double lower, double upper) {
        Summary any = Summary.of(new double[] {1, 2, 3});
        return new PairedComparison(20, any, any, Outcome.of(mean), Outcome.of(mean / dz), Outcome.of(new Interval(lower, upper)),
                Outcome.of(new TTestResult(1, 19, 0.2)), Outcome.undefined("not needed"), Outcome.of(dz), Outcome.of(gav));
    }

    @Test
    void wordsTheSizeByGavAndGivesTheChangeInScalePoints() {
        // the case: a change of 0.31 points that d_z would call large (1.19) is medium by g_av (0.62)
        Reading reading = withChange(0.31, 1.19, 0.62, 0.18, 0.44).reading("Trust", LIKERT);

        assertThat(reading.text()).isEqualTo("On average the post scores were higher than the pre scores: a mean change of "
                + "+0.31 points on the 1\u20135 scale (20 learners). Its size is medium (g_av = 0.62; d_z = 1.19). The whole "
                + "95 % interval (+0.18 to +0.44) is above zero: the post scores are likely higher than the pre scores for "
                + "learners like these. This compares the same learners at two times; on its own it does not show why they differ.");
    }

    @Test
    void saysPlainlyWhenTheIntervalIncludesZero() {
        Reading reading = withChange(0.18, 0.31, 0.15, -0.05, 0.42).reading("Trust", LIKERT);

        assertThat(reading.text()).isEqualTo("On average the post scores were higher than the pre scores: a mean change of "
                + "+0.18 points on the 1\u20135 scale (20 learners). Its size is negligible (g_av = 0.15; d_z = 0.31). The 95 % "
                + "interval (\u22120.05 to +0.42) includes zero, so these data do not show a change either way.");
    }

    @Test
    void saysPlainlyWhenTheWholeIntervalIsBelowZero() {
        Reading reading = withChange(-0.5, -0.9, -0.45, -0.8, -0.2).reading("Trust", new Scale(0, 10, List.of(
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")));

        assertThat(reading.text()).contains("the post scores were lower than the pre scores: a mean change of \u22120.50 points "
                        + "on the 0\u201310 scale")
                .contains("Its size is small (g_av = \u22120.45; d_z = \u22120.90)")
                .contains("The whole 95 % interval (\u22120.80 to \u22120.20) is below zero: the post scores are likely lower "
                        + "than the pre scores for learners like these")
                .contains("does not show why");
    }

    @Test
    void neverReadsInDoubleNegatives() {
        String[] readings = {
            withChange(0.18, 0.31, 0.2, -0.05, 0.42).reading("x", LIKERT).text(),
            withChange(0.6, 0.9, 0.5, 0.3, 0.9).reading("x", LIKERT).text(),
            withChange(-0.6, -0.9, -0.5, -0.9, -0.3).reading("x", LIKERT).text(),
            GroupDifference.of(new double[] {2, 3, 2.5, 3.5}, new double[] {0, 0.5, -0.5, 0.25}).reading("x", LIKERT).text(),
            GroupDifference.of(PairedComparisonTest.DRUG_1, PairedComparisonTest.DRUG_2).reading("x", LIKERT).text()};

        for (String reading : readings) {
            assertThat(reading).doesNotContain("excludes no", "includes no", "not show no", "no change; this does not");
        }
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
        Reading reading = PairedComparison.of(new double[] {2, 3}, new double[] {3, 4}).reading("Trust", LIKERT);

        assertThat(reading.text()).contains("a mean change of +1.00 point on the 1\u20135 scale")
                .contains("Every learner's change is the same (+1.00)")
                .endsWith("This does not show a change beyond these learners.");
    }

    @Test
    void saysWhenTwoLearnersGiveNoSizeWord() {
        // two learners: an interval and d_z exist, g_av does not (its correction is 0)
        Reading reading = PairedComparison.of(new double[] {2, 3}, new double[] {3, 5}).reading("Trust", LIKERT);

        assertThat(reading.text()).contains("Its size is not put in words: g_av needs at least three learners")
                .contains("(d_z = 2.12)");
    }

    @Test
    void readsAGroupDifference() {
        Reading reading = GroupDifference.of(PairedComparisonTest.DRUG_1, PairedComparisonTest.DRUG_2).reading("Total", LIKERT);

        assertThat(reading.text()).isEqualTo("On average the managers' scores changed by +0.75 points and the clinicians' by "
                + "+2.33 points, a difference of \u22121.58 points on the 1\u20135 scale. The 95 % interval of the difference "
                + "(\u22123.37 to +0.21) includes zero, so these data do not show that the groups changed differently.");
    }

    @Test
    void readsAGroupDifferenceWhoseIntervalIsAboveZero() {
        Reading reading = GroupDifference.of(new double[] {2, 3, 2.5, 3.5}, new double[] {0, 0.5, -0.5, 0.25})
                .reading("Total", LIKERT);

        assertThat(reading.text()).contains("The whole 95 % interval of the difference (+")
                .contains("is above zero: on average the managers' scores rose more, or fell less, than the clinicians'.");
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
        assertThat(PairedComparison.of(new double[0], new double[0]).reading("Trust", LIKERT).text())
                .isEqualTo("No learners to describe.");
    }

    @Test
    void neverUsesCausalLanguage() {
        String[] readings = {
            withChange(0.18, 0.31, 0.2, -0.05, 0.42).reading("x", LIKERT).text(),
            withChange(0.6, 0.9, 0.5, 0.3, 0.9).reading("x", LIKERT).text(),
            withChange(-0.6, -0.9, -0.5, -0.9, -0.3).reading("x", LIKERT).text(),
            GroupDifference.of(new double[] {2, 3, 2.5, 3.5}, new double[] {0, 0.5, -0.5, 0.25}).reading("x", LIKERT).text(),
            PairedComparison.of(new double[] {2, 3}, new double[] {3, 4}).reading("x", LIKERT).text(),
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
