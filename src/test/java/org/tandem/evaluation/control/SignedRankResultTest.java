package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.junit.jupiter.api.Test;

/**
 * The Wilcoxon signed-rank test as R's {@code wilcox.test(post, pre, paired = TRUE)} computes it
 * by default (R 4.x, stats package): zeros dropped, V = W+, exact below 50 differences without
 * ties or zeros, otherwise the normal approximation with continuity correction and R's tie
 * correction. Where no published example covers a case, the expected value is derived by hand from
 * R's algorithm, written out beside it, so a reader can check it without R:
 * <pre>
 *   z = (V − n(n+1)/4 − ½·sign(V − n(n+1)/4)) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48),  p = 2·(1 − Φ(|z|))
 * </pre>
 * with n the non-zero differences and t the sizes of groups of tied absolute differences. (Each
 * value was also confirmed with R 4.2.2; the figures R printed are quoted.)
 */
class SignedRankResultTest {

    // Hollander & Wolfe (1973), Nonparametric Statistical Methods, p. 29f: Hamilton depression
    // scale factor at the first (x) and second (y) visit, as in R's ?wilcox.test.
    static final double[] X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    static final double[] Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    private static double twoSidedNormal(double v, int n, double tieSum) {
        double centred = v - n * (n + 1) / 4.0;
        double z = (centred - 0.5 * Math.signum(centred)) / Math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0 - tieSum / 48);
        return 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z));
    }

    /** The one-sample form: differences against zero ("post" = d, "pre" = 0). */
    private static SignedRankResult differences(double... d) {
        return SignedRankResult.of(new double[d.length], d).get();
    }

    @Test
    void matchesRsDocumentedDepressionExampleOneSided() {
        // R documentation ?wilcox.test: wilcox.test(x, y, paired = TRUE, alternative = "greater")
        // gives "Wilcoxon signed rank exact test ... V = 40, p-value = 0.01953" (= 10/512)
        SignedRankResult test = SignedRankResult.of(Y, X, AlternativeHypothesis.GREATER_THAN).get();

        assertThat(test.v()).isEqualTo(40.0);
        assertThat(test.method()).isEqualTo(SignedRankResult.Method.EXACT);
        assertThat(test.p()).isCloseTo(0.01953, within(5e-6)).isCloseTo(10.0 / 512, within(1e-15));
    }

    @Test
    void matchesRsDocumentedDepressionExampleTwoSided() {
        // the same data, two-sided (R: wilcox.test(x, y, paired = TRUE)$p.value = 0.0390625): the
        // null distribution is symmetric, so twice the one-sided p
        SignedRankResult test = SignedRankResult.of(Y, X).get();

        assertThat(test.v()).isEqualTo(40.0);
        assertThat(test.exact()).isTrue();
        assertThat(test.n()).isEqualTo(9);
        assertThat(test.zeroDifferences()).isZero();
        assertThat(test.ties()).isFalse();
        assertThat(test.p()).isCloseTo(20.0 / 512, within(1e-15));
        assertThat(test.description()).isEqualTo("exact");
    }

    @Test
    void dropsZerosAndCorrectsForTiesOnTheSleepData() {
        // R's datasets::sleep, extra sleep under drug 1 and drug 2; R:
        // wilcox.test(extra[group == 2], extra[group == 1], paired = TRUE) gives "Wilcoxon signed
        // rank test with continuity correction, V = 45, p-value = 0.009091" (warning: ties and zeroes).
        // By hand: differences 1.2 2.4 1.3 1.3 0 1.0 1.8 0.8 4.6 1.4; the zero is dropped, n = 9,
        // all positive so V = 1 + … + 9 = 45; one tie of two (1.3): Σ(t³ − t) = 6;
        // z = (45 − 22.5 − 0.5) / √(71.25 − 6/48) = 22 / √71.125
        SignedRankResult test = SignedRankResult.of(PairedComparisonTest.DRUG_1, PairedComparisonTest.DRUG_2).get();

        assertThat(test.v()).isEqualTo(45.0);
        assertThat(test.n()).isEqualTo(9);
        assertThat(test.zeroDifferences()).isEqualTo(1);
        assertThat(test.ties()).isTrue();
        assertThat(test.method()).isEqualTo(SignedRankResult.Method.NORMAL_CORRECTED);
        assertThat(test.p()).isCloseTo(twoSidedNormal(45, 9, 6), within(1e-15))
                .isCloseTo(0.009091, within(5e-7)).isCloseTo(0.00909069801592506, within(1e-13));
        assertThat(test.description()).isEqualTo("normal approximation with continuity correction; 1 zero difference dropped");
    }

    @Test
    void tiesWithoutZerosUseTheNormalApproximationWithTieCorrection() {
        // d = 1 1 2 2 2 3 −1 4: |d| ranks 1,1,1 → 2; 2,2,2 → 5; 3 → 7; 4 → 8.
        // V = 2 + 2 + 5 + 5 + 5 + 7 + 8 = 34; n = 8, mean 18; Σ(t³ − t) = 24 + 24 = 48;
        // var = 8·9·17/24 − 48/48 = 50; z = (34 − 18 − 0.5)/√50 = 2.1920; p = 0.02838
        // (R: V = 34, p-value = 0.0283772667379875)
        SignedRankResult test = differences(1, 1, 2, 2, 2, 3, -1, 4);

        assertThat(test.v()).isEqualTo(34.0);
        assertThat(test.exact()).isFalse();
        assertThat(test.zeroDifferences()).isZero();
        assertThat(test.p()).isCloseTo(twoSidedNormal(34, 8, 48), within(1e-15)).isCloseTo(0.0283772667379875, within(1e-13));
        assertThat(test.description()).isEqualTo("normal approximation with continuity correction");
    }

    @Test
    void zerosWithoutTiesStillRuleOutTheExactTest() {
        // d = 0 0 1 2 3 4 5 −6: two zeros dropped, n = 6, no ties, but R takes the exact test only
        // without zeros. V = 1 + 2 + 3 + 4 + 5 = 15, mean 10.5, var = 6·7·13/24 = 22.75;
        // z = (15 − 10.5 − 0.5)/√22.75 = 0.8386; p = 0.4017 (R: V = 15, p-value = 0.401678166469773)
        SignedRankResult test = differences(0, 0, 1, 2, 3, 4, 5, -6);

        assertThat(test.v()).isEqualTo(15.0);
        assertThat(test.n()).isEqualTo(6);
        assertThat(test.zeroDifferences()).isEqualTo(2);
        assertThat(test.ties()).isFalse();
        assertThat(test.exact()).isFalse();
        assertThat(test.p()).isCloseTo(twoSidedNormal(15, 6, 0), within(1e-15)).isCloseTo(0.401678166469773, within(1e-13));
        assertThat(test.description()).isEqualTo("normal approximation with continuity correction; 2 zero differences dropped");
    }

    @Test
    void fiftyDifferencesAreNormalAndFortyNineExactAsInR() {
        // R: exact <- (n < 50). Commons' automatic choice would still be exact at 50.
        // d = 1..50 with 3, 7 and 20 negative: V = 1275 − 30 = 1245, mean 637.5,
        // var = 50·51·101/24 = 10731.25, z = 607/√10731.25 = 5.8595 (R: p-value = 4.64150644319947e-09)
        double[] fifty = new double[50];
        for (int i = 0; i < 50; i++) {
            fifty[i] = (i + 1) * (i == 2 || i == 6 || i == 19 ? -1 : 1);
        }
        SignedRankResult normal = differences(fifty);
        assertThat(normal.v()).isEqualTo(1245.0);
        assertThat(normal.exact()).isFalse();
        assertThat(normal.p()).isCloseTo(twoSidedNormal(1245, 50, 0), within(1e-20)).isCloseTo(4.64150644319947e-09, within(1e-20));

        // the first 49 of them: exact (R: V = 1195, p-value = 7.22977233635903e-12)
        SignedRankResult exact = differences(java.util.Arrays.copyOf(fifty, 49));
        assertThat(exact.v()).isEqualTo(1195.0);
        assertThat(exact.exact()).isTrue();
        assertThat(exact.p()).isCloseTo(7.22977233635903e-12, within(1e-24));
    }

    @Test
    void exactTwoSidedPNearTheCentreMatchesR() {
        // R: wilcox.test(c(1,-2,3,-4,5,-6,7,-8,9,-10,11,-12,13,-14,15,16,-17)) gives V = 80,
        // p-value = 0.889968872070313 (exact). V lies above n(n+1)/4 = 76.5, so R doubles the upper
        // tail P(V ≥ 80), not the lower one
        SignedRankResult test = differences(1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, 16, -17);

        assertThat(test.v()).isEqualTo(80.0);
        assertThat(test.exact()).isTrue();
        assertThat(test.p()).isCloseTo(0.889968872070313, within(1e-14));
    }

    @Test
    void everyChangeZeroLeavesNothingToRank() {
        assertThat(SignedRankResult.of(new double[] {3, 4}, new double[] {3, 4}).reason())
                .hasValue("Every learner's change is zero: the signed-rank test has nothing to rank.");
    }

    @Test
    void refusesSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> SignedRankResult.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
