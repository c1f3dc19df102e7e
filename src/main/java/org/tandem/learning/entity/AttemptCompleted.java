package org.tandem.learning.entity;

import java.util.Objects;

/**
 * Fired synchronously, inside the transaction that completes an attempt: whatever observers write
 * (the gradebook's score event) commits or rolls back together with the result.
 */
public record AttemptCompleted(Attempt attempt) {

    public AttemptCompleted {
        Objects.requireNonNull(attempt, "attempt");
        if (!attempt.completed()) {
            throw new IllegalArgumentException("attempt " + attempt.id() + " is not completed");
        }
    }
}
