package org.tandem.lti.ags;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One score publish (AGS 2.0 §3.4 "Score publish service"). scoreGiven is optional (progress
 * only), but when given it needs a positive scoreMaximum; comment is optional.
 */
public record Score(String userId, Double scoreGiven, Double scoreMaximum, ActivityProgress activityProgress,
                    GradingProgress gradingProgress, Instant timestamp, String comment) {

    public static final String MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";

    /** §3.4.5: ISO 8601 with sub-second precision; platforms order scores by it (Moodle 409, Canvas 400 if older). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public Score {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        Objects.requireNonNull(activityProgress, "activityProgress");
        Objects.requireNonNull(gradingProgress, "gradingProgress");
        Objects.requireNonNull(timestamp, "timestamp");
        if (scoreGiven != null) {
            if (scoreMaximum == null || !(scoreMaximum > 0)) {
                throw new IllegalArgumentException("scoreGiven needs a positive scoreMaximum");
            }
            if (!(scoreGiven >= 0) || scoreGiven.isInfinite()) {
                throw new IllegalArgumentException("scoreGiven must be a number of at least 0");
            }
        } else if (scoreMaximum != null && !(scoreMaximum > 0)) {
            throw new IllegalArgumentException("scoreMaximum must be positive");
        }
    }

    /** A final, graded result: what the gradebook shows. */
    public static Score graded(String userId, double given, double maximum, Instant timestamp, String comment) {
        return new Score(userId, given, maximum, ActivityProgress.Completed, GradingProgress.FullyGraded, timestamp, comment);
    }

    public String timestampText() {
        return TIMESTAMP.format(timestamp);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("userId", userId);
        if (scoreGiven != null) {
            json.add("scoreGiven", scoreGiven);
        }
        if (scoreMaximum != null) {
            json.add("scoreMaximum", scoreMaximum);
        }
        json.add("activityProgress", activityProgress.name())
                .add("gradingProgress", gradingProgress.name())
                .add("timestamp", timestampText());
        if (comment != null && !comment.isBlank()) {
            json.add("comment", comment);
        }
        return json.build();
    }
}
