package org.tandem.demo.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A score as a tool posts it to a line item's scores endpoint (AGS 2.0 §3.4 "Score publish
 * service"), read strictly: userId, activityProgress, gradingProgress and an ISO 8601 timestamp
 * with its offset are required; scoreGiven needs a positive scoreMaximum.
 */
public record PostedScore(String userId, Optional<Double> scoreGiven, Optional<Double> scoreMaximum,
                          ScoreProgress.Activity activityProgress, ScoreProgress.Grading gradingProgress,
                          Instant timestamp, Optional<String> comment) {

    public static final String MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final int MAX_COMMENT = 2000;

    /** The score a tool sent was not a valid score; the message names every problem. */
    public static class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Reads a posted score, naming every problem at once. */
    public static PostedScore parse(JsonObject json) {
        List<String> problems = new ArrayList<>();
        String userId = string(json, "userId", problems, true);
        Optional<Double> given = number(json, "scoreGiven", problems);
        Optional<Double> maximum = number(json, "scoreMaximum", problems);
        String activity = string(json, "activityProgress", problems, true);
        String grading = string(json, "gradingProgress", problems, true);
        String timestampText = string(json, "timestamp", problems, true);
        String comment = string(json, "comment", problems, false);

        Optional<ScoreProgress.Activity> activityProgress = ScoreProgress.Activity.parse(activity);
        if (activity != null && activityProgress.isEmpty()) {
            problems.add("activityProgress '" + activity + "' is not one of Initialized, Started, InProgress, Submitted, Completed");
        }
        Optional<ScoreProgress.Grading> gradingProgress = ScoreProgress.Grading.parse(grading);
        if (grading != null && gradingProgress.isEmpty()) {
            problems.add("gradingProgress '" + grading + "' is not one of FullyGraded, Pending, PendingManual, Failed, NotReady");
        }
        Instant timestamp = null;
        if (timestampText != null) {
            try {
                // §3.4.5: ISO 8601 with sub-second precision; an offset is required, else the moment is unknown
                timestamp = OffsetDateTime.parse(timestampText, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                        .truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                problems.add("timestamp '" + timestampText + "' is not an ISO 8601 date and time with offset, "
                        + "e.g. 2026-11-26T10:15:30.123Z");
            }
        }
        if (given.isPresent()) {
            if (maximum.isEmpty() || !(maximum.get() > 0)) {
                problems.add("scoreGiven needs a scoreMaximum greater than 0");
            }
            if (!(given.get() >= 0)) {
                problems.add("scoreGiven must be 0 or more");
            }
        } else if (maximum.isPresent() && !(maximum.get() > 0)) {
            problems.add("scoreMaximum must be greater than 0");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            problems.add("comment is longer than " + MAX_COMMENT + " characters");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(String.join("; ", problems));
        }
        return new PostedScore(userId, given, maximum, activityProgress.get(), gradingProgress.get(), timestamp,
                Optional.ofNullable(comment).filter(c -> !c.isBlank()));
    }

    /**
     * What the gradebook keeps of this score: like Moodle, scoreGiven counts only when
     * gradingProgress is FullyGraded; any other score leaves the cell without a grade.
     */
    public Optional<Double> kept() {
        return gradingProgress == ScoreProgress.Grading.FullyGraded ? scoreGiven : Optional.empty();
    }

    /**
     * Whether this score may follow the latest one for the same user and line item: only a
     * strictly newer timestamp does (Moodle answers 409 otherwise, Canvas 400).
     */
    public boolean follows(Optional<Instant> latest) {
        return latest.isEmpty() || timestamp.isAfter(latest.get());
    }

    private static String string(JsonObject json, String name, List<String> problems, boolean required) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                problems.add(name + " is required");
            }
            return null;
        }
        if (!(value instanceof JsonString s)) {
            problems.add(name + " must be a string");
            return null;
        }
        if (required && s.getString().isBlank()) {
            problems.add(name + " must not be blank");
            return null;
        }
        return s.getString();
    }

    private static Optional<Double> number(JsonObject json, String name, List<String> problems) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber n)) {
            problems.add(name + " must be a number");
            return Optional.empty();
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            problems.add(name + " must be a finite number");
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
