package org.tandem.evaluation.control;

import java.util.Objects;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;
import org.tandem.catalogue.entity.Scale;

/**
 * Pre and post scores of the same learners compared: descriptives of each, the mean change
 * (post − pre) with its 95 % confidence interval from the t distribution with n − 1 degrees of
 * freedom, the paired t-test, the Wilcoxon signed-rank test as R computes it by default
 * ({@link SignedRankResult}) and two standardised effect sizes.
 * <ul>
 * <li>Cohen's d_z = mean change / SD of the changes: the effect size the paired t-test tests
 * (d_z = t / √n).</li>
 * <li>Hedges' g_av = d_av · J with d_av = mean change / ((SD_pre + SD_post) / 2), comparable with
 * a between-groups d because it ignores the pre–post correlation (Cumming 2012; Lakens 2013), and
 * J = 1 − 3 / (4(n − 1) − 1) Hedges' (1981) approximate small-sample correction taken at the
 * paired design's n − 1 degrees of freedom. (Some calculators, Lakens' spreadsheet among them,
 * take it at 2n − 2 instead, which corrects less.)</li>
 * </ul>
 * The same comparison serves the then-test, where the "pre" series is the reference and the "post"
 * series the one compared with it. Figures the data cannot give are undefined with a reason: none
 * with no learners; no spread, interval, test or effect size with one; no t, interval or d_z when
 * every change is the same (the t statistic would divide by zero); no signed-rank test when every
 * change is zero; no g_av with fewer than three learners (J is 0 at n = 2) or when neither series
 * varies.
 */
public record PairedComparison(int n, Summary pre, Summary post, Outcome<Double> meanChange,
                               Outcome<Double> sdOfChanges, Outcome<Interval> changeInterval,
                               Outcome<TTestResult> tTest, Outcome<SignedRankResult> signedRank,
                               Outcome<Double> dz, Outcome<Double> gav) {

    public PairedComparison {
        Objects.requireNonNull(pre, "pre");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(meanChange, "meanChange");
        Objects.requireNonNull(sdOfChanges, "sdOfChanges");
        Objects.requireNonNull(changeInterval, "changeInterval");
        Objects.requireNonNull(tTest, "tTest");
        Objects.requireNonNull(signedRank, "signedRank");
        Objects.requireNonNull(dz, "dz");
        Objects.requireNonNull(gav, "gav");
    }

    /**
     * Compares paired scores; {@code pre[i]} and {@code post[i]} are one learner's.
     *
     * @throws IllegalArgumentException if the series differ in length or hold a non-finite value
     */
    public static PairedComparison of(double[] pre, double[] post) {
        if (pre.length != post.length) {
            throw new IllegalArgumentException("Paired series differ in length: " + pre.length + " and " + post.length);
        }
        requireFinite(pre);
        requireFinite(post);
        int n = pre.length;
        Summary preSummary = Summary.of(pre);
        Summary postSummary = Summary.of(post);
        if (n == 0) {
            Outcome<Double> none = Outcome.undefined(Summary.NO_LEARNERS);
            return new PairedComparison(0, preSummary, postSummary, none, none, Outcome.undefined(Summary.NO_LEARNERS),
                    Outcome.undefined(Summary.NO_LEARNERS), Outcome.undefined(Summary.NO_LEARNERS), none, none);
        }
        double[] changes = new double[n];
        for (int i = 0; i < n; i++) {
            changes[i] = post[i] - pre[i];
        }
        Summary changeSummary = Summary.of(changes);
        Outcome<Double> mean = changeSummary.mean();
        Outcome<SignedRankResult> signedRank = SignedRankResult.of(pre, post);
        if (n == 1) {
            String reason = "One learner: an interval, a t-test or an effect size needs at least two.";
            return new PairedComparison(1, preSummary, postSummary, mean, changeSummary.sd(), Outcome.undefined(reason),
                    Outcome.undefined(reason), signedRank, Outcome.undefined(reason), Outcome.undefined(reason));
        }
        double sd = changeSummary.sd().get();
        Outcome<Double> gav = gav(n, mean.get(), preSummary.sd().get(), postSummary.sd().get());
        if (sd == 0) {
            String reason = "Every learner's change is the same (" + Reading.signed(mean.get())
                    + "): with no spread there is no interval, t statistic or d_z.";
            return new PairedComparison(n, preSummary, postSummary, mean, changeSummary.sd(), Outcome.undefined(reason),
                    Outcome.undefined(reason), signedRank, Outcome.undefined(reason), gav);
        }
        double halfWidth = TDistribution.of(n - 1.0).inverseSurvivalProbability(0.025) * sd / Math.sqrt(n);
        Interval interval = new Interval(mean.get() - halfWidth, mean.get() + halfWidth);
        TTest.Result t = TTest.withDefaults().pairedTest(post, pre);
        return new PairedComparison(n, preSummary, postSummary, mean, changeSummary.sd(), Outcome.of(interval),
                Outcome.of(new TTestResult(t.getStatistic(), t.getDegreesOfFreedom(), t.getPValue())), signedRank,
                Outcome.of(mean.get() / sd), gav);
    }

    /** Hedges' correction J for {@code df} degrees of freedom (Hedges 1981's approximation). */
    static double smallSampleCorrection(int df) {
        return 1 - 3.0 / (4.0 * df - 1);
    }

    private static Outcome<Double> gav(int n, double meanChange, double sdPre, double sdPost) {
        if (n < 3) {
            return Outcome.undefined("g_av needs at least three learners: with two, the small-sample correction is 0.");
        }
        double averageSd = (sdPre + sdPost) / 2;
        if (averageSd == 0) {
            return Outcome.undefined("Neither the pre nor the post scores vary, so g_av has no standard deviation to scale by.");
        }
        return Outcome.of(meanChange / averageSd * smallSampleCorrection(n - 1));
    }

    private static void requireFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("Scores must be finite numbers; found " + value);
            }
        }
    }

    /** The plain-language reading of the change from pre to post, in the points of {@code scale}. */
    public Reading reading(String topic, Scale scale) {
        return Reading.ofChange(topic, this, "pre", "post", scale);
    }
}
