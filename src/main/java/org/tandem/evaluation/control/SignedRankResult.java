package org.tandem.evaluation.control;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * A Wilcoxon signed-rank test of paired differences (second − first) as R's
 * {@code wilcox.test(second, first, paired = TRUE)} computes it by default, so that an evaluator's
 * R gives the same V and p:
 * <ol>
 * <li>zero differences are dropped before ranking (and counted here);</li>
 * <li>V is the sum of the ranks of the positive differences among the rest, ties given their
 * average rank;</li>
 * <li>with fewer than 50 differences left and no ties among them (and no zero dropped), p comes
 * from the exact null distribution;</li>
 * <li>otherwise from the normal approximation with continuity correction: z = (V − n(n+1)/4 −
 * ½·sign) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), t the sizes of the tied groups.</li>
 * </ol>
 * Apache Commons Statistics computes V and both p-values; what it does differently by default is
 * kept out: it ranks zeros with the rest and leaves their ranks out of V (Pratt), and its automatic
 * choice takes the exact distribution up to 50 differences where R stops below 50. So zeros are
 * dropped here first and the method is chosen here, as R chooses it.
 *
 * @param v               V (R's name), W+: the sum of the ranks of the positive differences
 * @param p               the p-value (two-sided unless asked otherwise)
 * @param method          how p was computed
 * @param n               the differences ranked: the non-zero ones
 * @param zeroDifferences zero differences, dropped before ranking
 * @param ties            whether any of the ranked absolute differences were tied
 */
public record SignedRankResult(double v, double p, Method method, int n, int zeroDifferences, boolean ties) {

    /** R takes the exact distribution below this many (non-zero) differences. */
    static final int EXACT_BELOW = 50;

    /** How the p-value was computed. */
    public enum Method {
        EXACT("exact"),
        NORMAL_CORRECTED("normal approximation with continuity correction");

        private final String words;

        Method(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public SignedRankResult {
        Objects.requireNonNull(method, "method");
    }

    /**
     * The two-sided test of {@code second − first}; undefined when every difference is zero.
     *
     * @throws IllegalArgumentException if the series differ in length
     */
    public static Outcome<SignedRankResult> of(double[] first, double[] second) {
        return of(first, second, AlternativeHypothesis.TWO_SIDED);
    }

    /** As {@link #of(double[], double[])}, with R's {@code alternative = "greater"} or {@code "less"}. */
    static Outcome<SignedRankResult> of(double[] first, double[] second, AlternativeHypothesis alternative) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("Paired series differ in length: " + first.length + " and " + second.length);
        }
        double[] nonZero = new double[first.length];
        int n = 0;
        for (int i = 0; i < first.length; i++) {
            double difference = second[i] - first[i];
            if (difference != 0) {
                nonZero[n++] = difference;
            }
        }
        int zeros = first.length - n;
        if (n == 0) {
            return Outcome.undefined("Every learner's change is zero: the signed-rank test has nothing to rank.");
        }
        double[] differences = Arrays.copyOf(nonZero, n);
        boolean ties = hasTies(differences);
        boolean exact = n < EXACT_BELOW && !ties && zeros == 0;
        WilcoxonSignedRankTest.Result result = WilcoxonSignedRankTest.withDefaults().with(alternative)
                .with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC).test(differences);
        return Outcome.of(new SignedRankResult(result.getStatistic(), result.getPValue(),
                exact ? Method.EXACT : Method.NORMAL_CORRECTED, n, zeros, ties));
    }

    private static boolean hasTies(double[] differences) {
        double[] magnitudes = new double[differences.length];
        for (int i = 0; i < differences.length; i++) {
            magnitudes[i] = Math.abs(differences[i]);
        }
        Arrays.sort(magnitudes);
        for (int i = 1; i < magnitudes.length; i++) {
            if (magnitudes[i] == magnitudes[i - 1]) {
                return true;
            }
        }
        return false;
    }

    public boolean exact() {
        return method == Method.EXACT;
    }

    /**
     * The method in words, to stand beside the figure, e.g. "exact" or "normal approximation with
     * continuity correction; 2 zero differences dropped".
     */
    public String description() {
        String dropped = zeroDifferences == 0 ? ""
                : "; " + zeroDifferences + (zeroDifferences == 1 ? " zero difference dropped" : " zero differences dropped");
        return method.words() + dropped;
    }
}
