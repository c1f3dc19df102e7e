package org.tandem.evaluation.control;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of computing one figure: a value, or the reason there is none. A figure is
 * <em>undefined</em> when the data cannot give it (too few learners, no spread) and
 * <em>suppressed</em> when it could be computed but must not be shown (a group below the minimum
 * size). Statistics never throw or divide by zero for such data; they say why here instead.
 */
public final class Outcome<T> {

    /** Whether the figure exists, and if not, why. */
    public enum Status { DEFINED, UNDEFINED, SUPPRESSED }

    private final T value;
    private final Status status;
    private final String reason;

    private Outcome(T value, Status status, String reason) {
        this.value = value;
        this.status = status;
        this.reason = reason;
    }

    public static <T> Outcome<T> of(T value) {
        return new Outcome<>(Objects.requireNonNull(value, "value"), Status.DEFINED, null);
    }

    /** The data cannot give this figure; {@code reason} says why, in words an evaluator reads. */
    public static <T> Outcome<T> undefined(String reason) {
        return new Outcome<>(null, Status.UNDEFINED, Objects.requireNonNull(reason, "reason"));
    }

    /** This figure must not be shown; {@code reason} says why, in words an evaluator reads. */
    public static <T> Outcome<T> suppressed(String reason) {
        return new Outcome<>(null, Status.SUPPRESSED, Objects.requireNonNull(reason, "reason"));
    }

    /** A number that is a value when finite and undefined for {@code reason} otherwise. */
    static Outcome<Double> finite(double value, String reason) {
        return Double.isFinite(value) ? of(value) : undefined(reason);
    }

    public Status status() {
        return status;
    }

    public boolean defined() {
        return status == Status.DEFINED;
    }

    public boolean suppressed() {
        return status == Status.SUPPRESSED;
    }

    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** Why there is no value; empty when there is one. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * The value.
     *
     * @throws IllegalStateException naming the reason, when there is none
     */
    public T get() {
        if (value == null) {
            throw new IllegalStateException(status + ": " + reason);
        }
        return value;
    }

    /** The same outcome with the value transformed; an absent value stays absent, for the same reason. */
    public <U> Outcome<U> map(Function<? super T, ? extends U> mapping) {
        return value == null ? new Outcome<>(null, status, reason) : Outcome.of(mapping.apply(value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Outcome<?> that && status == that.status && Objects.equals(value, that.value)
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, status, reason);
    }

    @Override
    public String toString() {
        return defined() ? String.valueOf(value) : status + "(" + reason + ")";
    }
}
