package org.tandem.evaluation.control;

/** A two-sided 95 % confidence interval. */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("An interval runs from its lower to its upper end: " + lower + ", " + upper);
        }
    }

    public boolean includes(double value) {
        return lower <= value && value <= upper;
    }
}
