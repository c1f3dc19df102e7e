package org.tandem.gradebook.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalDouble;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.lti.ags.ActivityProgress;
import org.tandem.lti.ags.GradingProgress;
import org.tandem.lti.ags.Score;

/**
 * What a column receives for a completed attempt. Every score is final and graded
 * ({@code Completed}, {@code FullyGraded}): Moodle keeps scoreGiven only with FullyGraded, and
 * Tandem sends nothing before an activity is completed, so a restarted activity never blanks the
 * grade the learner already has. Scores go out of {@value #MAXIMUM}; platforms scale them to their
 * column's maximum.
 */
public final class Scores {

    public static final double MAXIMUM = 100;

    private Scores() {
    }

    /**
     * @param fraction the result from 0 to 1 (empty when the content can no longer be read: then
     *                 the score falls back to completion, with a comment saying so)
     * @param at       when the result was reached: platforms order scores by this timestamp
     */
    public static ScoreEvent.Payload payload(SendMode mode, ActivityKind kind, OptionalDouble fraction, Instant at) {
        Instant timestamp = at.truncatedTo(ChronoUnit.MILLIS);
        String completed = ActivityProgress.Completed.name();
        String graded = GradingProgress.FullyGraded.name();
        if (mode == SendMode.COMPLETION) {
            String comment = kind == ActivityKind.ASSESSMENT
                    ? "Submitted in Tandem. The course records completion; the answers stay with the programme evaluation."
                    : "Completed in Tandem.";
            return new ScoreEvent.Payload(MAXIMUM, MAXIMUM, completed, graded, comment, timestamp);
        }
        if (fraction.isEmpty()) {
            return new ScoreEvent.Payload(MAXIMUM, MAXIMUM, completed, graded,
                    "Completed in Tandem (the result could not be read, so completion is sent).", timestamp);
        }
        double given = Math.round(Math.max(0, Math.min(1, fraction.getAsDouble())) * MAXIMUM * 100) / 100.0;
        String comment = switch (kind) {
            case MODULE -> "Knowledge checks: " + percent(given) + " correct.";
            case SCENARIO -> "Scenario debrief score: " + percent(given) + ".";
            case PAIRED -> "Paired scenario score (the pair's settled decisions): " + percent(given) + ".";
            case ASSESSMENT -> "Assessment total on its scale: " + percent(given) + " (100 % = most positive answers).";
        };
        return new ScoreEvent.Payload(given, MAXIMUM, completed, graded, comment, timestamp);
    }

    /** The AGS score publish for this payload (userId is the platform's user id, the launch's sub). */
    public static Score toAgs(String userId, ScoreEvent.Payload payload) {
        return new Score(userId, payload.scoreGiven(), payload.scoreMaximum(),
                ActivityProgress.valueOf(payload.activityProgress()), GradingProgress.valueOf(payload.gradingProgress()),
                payload.timestamp(), payload.comment());
    }

    private static String percent(double given) {
        return (given == Math.rint(given) ? String.valueOf((long) given) : String.valueOf(given)) + " %";
    }
}
