package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.numbers.gamma.Gamma;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    // Student's (1908) sleep data (Cushny & Peebles), R's datasets::sleep: extra hours of sleep
    // of ten patients under drug 1 and drug 2.
    static final double[] DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    // Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science:
    // a practical primer for t-tests and ANOVAs. Frontiers in Psychology 4:863,
    // doi:10.3389/fpsyg.2013.00863, Table 1: ten people rate two movies.
    static final double[] MOVIE_1 = {9, 7, 8, 9, 8, 9, 9, 10, 9, 9};
    static final double[] MOVIE_2 = {9, 6, 7, 8, 7, 9, 8, 8, 8, 7};

    @Test
    void pairedTTestAndIntervalMatchRsSleepExample() {
        // R documentation, ?t.test (stats), example t.test(extra ~ group, data = sleep, paired = TRUE):
        // t = -4.0621, df = 9, p-value = 0.002833; 95 percent confidence interval
        // -2.4598858 -0.7001142; mean difference -1.58. R's difference is drug 1 − drug 2, so
        // drug 2 plays "pre" and drug 1 "post".
        PairedComparison sleep = PairedComparison.of(DRUG_2, DRUG_1);

        assertThat(sleep.n()).isEqualTo(10);
        assertThat(sleep.meanChange().get()).isCloseTo(-1.58, within(1e-12));
        assertThat(sleep.tTest().get().t()).isCloseTo(-4.0621, within(5e-5));
        assertThat(sleep.tTest().get().degreesOfFreedom()).isEqualTo(9.0);
        assertThat(sleep.tTest().get().p()).isCloseTo(0.002833, within(5e-7));
        assertThat(sleep.changeInterval().get().lower()).isCloseTo(-2.4598858, within(5e-8));
        assertThat(sleep.changeInterval().get().upper()).isCloseTo(-0.7001142, within(5e-8));
        // R: mean(sleep$extra[sleep$group == 1]) = 0.75, group 2 = 2.33
        assertThat(sleep.post().mean().get()).isCloseTo(0.75, within(1e-12));
        assertThat(sleep.pre().mean().get()).isCloseTo(2.33, within(1e-12));
    }

    @Test
    void effectSizesMatchLakensMovieExample() {
        // Lakens (2013), within-subjects example: t(9) = 4.74, p = .001, Cohen's d_z = 1.50 and
        // Cohen's d_av = 1.13 (movie 1 − movie 2, so movie 2 plays "pre").
        PairedComparison movies = PairedComparison.of(MOVIE_2, MOVIE_1);

        assertThat(movies.tTest().get().t()).isCloseTo(4.74, within(0.005));
        assertThat(movies.tTest().get().p()).isCloseTo(0.001, within(0.0005));
        assertThat(movies.dz().get()).isCloseTo(1.50, within(0.005));
        double dAv = movies.meanChange().get() / ((movies.pre().sd().get() + movies.post().sd().get()) / 2);
        assertThat(dAv).isCloseTo(1.13, within(0.005));
        // g_av = d_av · J with J for n − 1 = 9 degrees of freedom. No published g_av with this
        // correction was at hand (Lakens' spreadsheet corrects with n1 + n2, which gives 1.08), so
        // J is checked by two independent methods: Hedges' (1981) approximation
        // 1 − 3/(4 df − 1) used by the code, against his exact
        // J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)) computed here; both give g_av = 1.03.
        double exactJ = Gamma.value(4.5) / (Math.sqrt(4.5) * Gamma.value(4.0));
        assertThat(PairedComparison.smallSampleCorrection(9)).isCloseTo(exactJ, within(5e-4));
        assertThat(movies.gav().get()).isCloseTo(dAv * exactJ, within(5e-4)).isCloseTo(1.03, within(0.005));
    }

    @Test
    void dzIsTheTStatisticOverRootN() {
        // Lakens (2013), eq. for d_z: d_z = t / √n; an identity between two routes, checked on the sleep data.
        PairedComparison sleep = PairedComparison.of(DRUG_2, DRUG_1);

        assertThat(sleep.dz().get()).isCloseTo(sleep.tTest().get().t() / Math.sqrt(10), within(1e-12));
    }

    @Test
    void signedRankIsRsDefaultOnTheChanges() {
        // the test itself is SignedRankResultTest's; here only that the comparison carries it, for
        // post − pre: R's wilcox.test(extra[group == 2], extra[group == 1], paired = TRUE) on the
        // sleep data gives V = 45 (the zero dropped)
        SignedRankResult test = PairedComparison.of(DRUG_1, DRUG_2).signedRank().get();

        assertThat(test.v()).isEqualTo(45.0);
        assertThat(test.zeroDifferences()).isEqualTo(1);
    }

    @Test
    void noLearnersGiveNothingButSayWhy() {
        PairedComparison none = PairedComparison.of(new double[0], new double[0]);

        assertThat(none.n()).isZero();
        assertThat(none.meanChange().defined()).isFalse();
        assertThat(none.meanChange().reason()).hasValue("No learners to describe.");
        assertThat(none.tTest().defined()).isFalse();
        assertThat(none.signedRank().defined()).isFalse();
        assertThat(none.dz().defined()).isFalse();
        assertThat(none.gav().defined()).isFalse();
        assertThat(none.pre().mean().defined()).isFalse();
    }

    @Test
    void oneLearnerHasAChangeButNoSpreadIntervalOrTest() {
        PairedComparison one = PairedComparison.of(new double[] {3.0}, new double[] {4.5});

        assertThat(one.meanChange().get()).isEqualTo(1.5);
        assertThat(one.sdOfChanges().reason()).hasValue("A standard deviation needs at least two learners; there is one.");
        assertThat(one.changeInterval().reason()).hasValue("One learner: an interval, a t-test or an effect size needs at least two.");
        assertThat(one.tTest().defined()).isFalse();
        assertThat(one.dz().defined()).isFalse();
        assertThat(one.gav().defined()).isFalse();
        // one non-zero difference: the exact signed-rank p is 1 (W+ = 1 of a possible 0 or 1)
        assertThat(one.signedRank().get().p()).isEqualTo(1.0);
    }

    @Test
    void twoLearnersGiveATestButNoGav() {
        // changes 1 and 2: mean 1.5, sd √0.5; t = 1.5/(√0.5/√2) = 3 on 1 df, p = 2·(1 − F_t1(3)) = 1 − (2/π)·atan(3)
        PairedComparison two = PairedComparison.of(new double[] {2, 3}, new double[] {3, 5});

        assertThat(two.tTest().get().t()).isCloseTo(3.0, within(1e-12));
        assertThat(two.tTest().get().p()).isCloseTo(1 - 2 / Math.PI * Math.atan(3), within(1e-12));
        assertThat(two.dz().get()).isCloseTo(1.5 / Math.sqrt(0.5), within(1e-12));
        assertThat(two.gav().reason()).hasValue("g_av needs at least three learners: with two, the small-sample correction is 0.");
    }

    @Test
    void identicalChangesLeaveTheTStatisticUndefinedInsteadOfDividingByZero() {
        PairedComparison same = PairedComparison.of(new double[] {2, 3, 4, 2}, new double[] {3, 4, 5, 3});

        assertThat(same.meanChange().get()).isEqualTo(1.0);
        assertThat(same.sdOfChanges().get()).isZero();
        assertThat(same.tTest().defined()).isFalse();
        assertThat(same.changeInterval().defined()).isFalse();
        assertThat(same.dz().reason()).hasValue(
                "Every learner's change is the same (+1.00): with no spread there is no interval, t statistic or d_z.");
        assertThat(same.gav().defined()).as("pre and post still vary").isTrue();
        assertThat(same.signedRank().get().ties()).isTrue();
    }

    @Test
    void identicalAnswersEverywhereGiveNoStatisticsAndNoErrors() {
        PairedComparison flat = PairedComparison.of(new double[] {3, 3, 3, 3, 3}, new double[] {3, 3, 3, 3, 3});

        assertThat(flat.meanChange().get()).isZero();
        assertThat(flat.tTest().defined()).isFalse();
        assertThat(flat.dz().defined()).isFalse();
        assertThat(flat.signedRank().reason()).hasValue("Every learner's change is zero: the signed-rank test has nothing to rank.");
        assertThat(flat.gav().reason()).hasValue(
                "Neither the pre nor the post scores vary, so g_av has no standard deviation to scale by.");
    }

    @Test
    void refusesSeriesOfDifferentLengthsOrNonFiniteScores() {
        assertThatThrownBy(() -> PairedComparison.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedComparison.of(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
