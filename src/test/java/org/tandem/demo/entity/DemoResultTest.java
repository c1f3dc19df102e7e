package org.tandem.demo.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A gradebook cell of the demo platform: newer scores replace the latest, older ones are refused (Moodle's 409). */
class DemoResultTest {

    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    static DemoScore score(Instant timestamp, ScoreProgress.Grading grading, Double given) {
        DemoLineItem column = new DemoLineItem("Scenario", 100, "scenario:x", "scenario", null, T) {
            @Override
            public long id() {
                return 7;
            }
        };
        return new DemoScore(column, new PostedScore("demo-manager", Optional.ofNullable(given),
                Optional.ofNullable(given == null ? null : 100.0), ScoreProgress.Activity.Completed, grading, timestamp,
                Optional.empty()), timestamp.plusSeconds(1));
    }

    @Test
    void aNewerScoreBecomesTheLatestAndIsCounted() {
        DemoResult cell = new DemoResult(score(T, ScoreProgress.Grading.FullyGraded, 40.0));
        cell.accept(score(T.plusSeconds(60), ScoreProgress.Grading.FullyGraded, 80.0));

        assertThat(cell.latest().kept()).contains(80.0);
        assertThat(cell.scoresReceived()).isEqualTo(2);
    }

    @Test
    void refusesAScoreNotNewerThanTheLatest() {
        DemoResult cell = new DemoResult(score(T, ScoreProgress.Grading.FullyGraded, 40.0));

        assertThatThrownBy(() -> cell.accept(score(T.minusSeconds(1), ScoreProgress.Grading.FullyGraded, 90.0)))
                .isInstanceOf(DemoResult.StaleScore.class).hasMessageContaining("not newer");
        assertThatThrownBy(() -> cell.accept(score(T, ScoreProgress.Grading.FullyGraded, 90.0)))
                .isInstanceOf(DemoResult.StaleScore.class);
        assertThat(cell.latest().kept()).contains(40.0);
        assertThat(cell.scoresReceived()).isEqualTo(1);
    }

    @Test
    void aLaterScoreThatIsNotFullyGradedLeavesNoGrade() {
        DemoResult cell = new DemoResult(score(T, ScoreProgress.Grading.FullyGraded, 40.0));
        cell.accept(score(T.plusSeconds(5), ScoreProgress.Grading.Pending, 95.0));

        assertThat(cell.latest().kept()).isEmpty();
        assertThat(cell.latest().gradingProgress()).isEqualTo(ScoreProgress.Grading.Pending);
    }
}
