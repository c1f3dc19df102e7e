package org.tandem.evaluation.control;

/**
 * A two-sided Wilcoxon signed-rank test of paired differences (second − first), as Apache Commons
 * Statistics computes it by default.
 *
 * @param wPlus           W+, the sum of the ranks of the positive differences; ranks are of the
 *                        absolute differences with ties given their average rank
 * @param p               two-sided p-value
 * @param exact           whether p comes from the exact null distribution (Commons does this for
 *                        at most 50 differences without ties or zeros); otherwise from the normal
 *                        approximation with tie correction and continuity correction
 * @param zeroDifferences zero differences; Commons keeps them in the ranking and leaves their ranks
 *                        out of W+ (Pratt's procedure), rather than dropping them as R does
 * @param ties            whether any absolute differences were tied
 */
public record SignedRankResult(double wPlus, double p, boolean exact, int zeroDifferences, boolean ties) {
}
