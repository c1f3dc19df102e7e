package org.tandem.lti.ags;

import java.util.Objects;

/**
 * What became of one score publish. FAILED means the platform refused it and will refuse it
 * again (reason carries the platform's answer); RETRYABLE means try again later.
 */
public record Delivery(Outcome outcome, int status, String reason) {

    public enum Outcome { DELIVERED, FAILED, RETRYABLE }

    public Delivery {
        Objects.requireNonNull(outcome);
        reason = reason == null ? "" : reason;
    }

    static Delivery delivered(int status) {
        return new Delivery(Outcome.DELIVERED, status, "");
    }

    static Delivery failed(int status, String reason) {
        return new Delivery(Outcome.FAILED, status, reason);
    }

    static Delivery retryable(int status, String reason) {
        return new Delivery(Outcome.RETRYABLE, status, reason);
    }

    static Delivery of(AgsException e) {
        return e.retryable() ? retryable(e.status(), e.getMessage()) : failed(e.status(), e.getMessage());
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    public boolean retryable() {
        return outcome == Outcome.RETRYABLE;
    }
}
