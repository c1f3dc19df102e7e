package org.tandem.gradebook.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.lti.ags.Score;

class ScoresTest {

    static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456789Z");

    @Test
    void completionGivesFullMarksWhateverTheAnswers() {
        ScoreEvent.Payload p = Scores.payload(SendMode.COMPLETION, ActivityKind.ASSESSMENT, OptionalDouble.of(0.2), AT);

        assertThat(p.scoreGiven()).isEqualTo(100.0);
        assertThat(p.scoreMaximum()).isEqualTo(100.0);
        assertThat(p.comment()).contains("completion").doesNotContain("20");
    }

    @Test
    void scoreIsTheFractionOutOfOneHundredRoundedToHundredths() {
        ScoreEvent.Payload p = Scores.payload(SendMode.SCORE, ActivityKind.MODULE, OptionalDouble.of(2.0 / 3), AT);

        assertThat(p.scoreGiven()).isEqualTo(66.67);
        assertThat(p.comment()).isEqualTo("Knowledge checks: 66.67 % correct.");
    }

    @Test
    void everyScoreIsFinalAndFullyGradedSoMoodleKeepsIt() {
        for (SendMode mode : SendMode.values()) {
            ScoreEvent.Payload p = Scores.payload(mode, ActivityKind.SCENARIO, OptionalDouble.of(1), AT);
            assertThat(p.activityProgress()).isEqualTo("Completed");
            assertThat(p.gradingProgress()).isEqualTo("FullyGraded");
        }
    }

    @Test
    void unreadableResultFallsBackToCompletionAndSaysSo() {
        ScoreEvent.Payload p = Scores.payload(SendMode.SCORE, ActivityKind.ASSESSMENT, OptionalDouble.empty(), AT);

        assertThat(p.scoreGiven()).isEqualTo(100.0);
        assertThat(p.comment()).contains("could not be read");
    }

    @Test
    void timestampKeepsMillisecondsOnly() {
        ScoreEvent.Payload p = Scores.payload(SendMode.SCORE, ActivityKind.MODULE, OptionalDouble.of(1), AT);

        assertThat(p.timestamp()).isEqualTo(Instant.parse("2026-12-04T10:15:30.123Z"));
    }

    @Test
    void turnsIntoTheAgsScoreForTheLearner() {
        Score score = Scores.toAgs("user-7", Scores.payload(SendMode.SCORE, ActivityKind.MODULE, OptionalDouble.of(0.5), AT));

        assertThat(score.toJson().toString()).contains("\"userId\":\"user-7\"", "\"scoreGiven\":50", "\"scoreMaximum\":100",
                "\"activityProgress\":\"Completed\"", "\"gradingProgress\":\"FullyGraded\"",
                "\"timestamp\":\"2026-12-04T10:15:30.123Z\"");
    }
}
