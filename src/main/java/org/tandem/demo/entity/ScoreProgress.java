package org.tandem.demo.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The progress vocabularies of an AGS 2.0 score, as the platform side reads them (the demo keeps
 * its own copy: it is the other side of the protocol and must not trust the tool's types).
 */
public final class ScoreProgress {

    private ScoreProgress() {
    }

    /** AGS 2.0 §3.4.6 activityProgress. */
    public enum Activity {
        Initialized, Started, InProgress, Submitted, Completed;

        public static Optional<Activity> parse(String value) {
            return Arrays.stream(values()).filter(v -> v.name().equals(value)).findFirst();
        }
    }

    /** AGS 2.0 §3.4.7 gradingProgress. */
    public enum Grading {
        FullyGraded, Pending, PendingManual, Failed, NotReady;

        public static Optional<Grading> parse(String value) {
            return Arrays.stream(values()).filter(v -> v.name().equals(value)).findFirst();
        }
    }
}
