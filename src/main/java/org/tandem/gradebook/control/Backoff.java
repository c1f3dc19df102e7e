package org.tandem.gradebook.control;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try a delivery again: the base delay doubled per failed try, capped, with ±20 % jitter so
 * the scores of a class that finished together do not hit a recovering LMS at the same instant.
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The delay after the given number of failed tries (1 = the first failure). */
    public Duration after(int failedTries) {
        int doublings = Math.max(0, Math.min(failedTries - 1, 30));
        double millis = Math.min((double) cap.toMillis(), base.toMillis() * Math.pow(2, doublings));
        double jitter = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(millis * jitter)));
    }
}
