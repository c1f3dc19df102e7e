package org.tandem.evaluation.control;

/**
 * A t-test: the statistic, its degrees of freedom (fractional for Welch's test) and the two-sided
 * p-value.
 */
public record TTestResult(double t, double degreesOfFreedom, double p) {
}
