package org.tandem.evaluation.control;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * Number, mean and sample standard deviation (n − 1) of one series of scores.
 */
public record Summary(int n, Outcome<Double> mean, Outcome<Double> sd) {

    static final String NO_LEARNERS = "No learners to describe.";
    static final String ONE_LEARNER = "A standard deviation needs at least two learners; there is one.";

    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Summary(0, Outcome.undefined(NO_LEARNERS), Outcome.undefined(NO_LEARNERS));
        }
        Outcome<Double> mean = Outcome.of(Mean.of(values).getAsDouble());
        if (n == 1) {
            return new Summary(1, mean, Outcome.undefined(ONE_LEARNER));
        }
        return new Summary(n, mean, Outcome.of(StandardDeviation.of(values).getAsDouble()));
    }
}
