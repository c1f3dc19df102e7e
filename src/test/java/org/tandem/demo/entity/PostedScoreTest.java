package org.tandem.demo.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.lti.ags.Score;

/** The score publish rules of the demo platform (AGS 2.0 §3.4, read as Moodle does). */
class PostedScoreTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void readsTheScoreTandemSends() {
        Score sent = Score.graded("demo-manager", 8, 10, Instant.parse("2026-11-26T10:15:30.123Z"), "Well done");
        PostedScore posted = PostedScore.parse(sent.toJson());

        assertThat(posted.userId()).isEqualTo("demo-manager");
        assertThat(posted.scoreGiven()).contains(8.0);
        assertThat(posted.scoreMaximum()).contains(10.0);
        assertThat(posted.activityProgress()).isEqualTo(ScoreProgress.Activity.Completed);
        assertThat(posted.gradingProgress()).isEqualTo(ScoreProgress.Grading.FullyGraded);
        assertThat(posted.timestamp()).isEqualTo(Instant.parse("2026-11-26T10:15:30.123Z"));
        assertThat(posted.comment()).contains("Well done");
    }

    @Test
    void keepsAGradeOnlyWhenFullyGraded() {
        assertThat(PostedScore.parse(json("{'userId':'u','scoreGiven':3,'scoreMaximum':4,'activityProgress':'Completed',"
                + "'gradingProgress':'FullyGraded','timestamp':'2026-11-26T10:00:00Z'}")).kept()).contains(3.0);
        for (String grading : new String[] {"Pending", "PendingManual", "Failed", "NotReady"}) {
            assertThat(PostedScore.parse(json("{'userId':'u','scoreGiven':3,'scoreMaximum':4,'activityProgress':'Completed',"
                    + "'gradingProgress':'" + grading + "','timestamp':'2026-11-26T10:00:00Z'}")).kept()).as(grading).isEmpty();
        }
        assertThat(PostedScore.parse(json("{'userId':'u','activityProgress':'Started','gradingProgress':'FullyGraded',"
                + "'timestamp':'2026-11-26T10:00:00+01:00'}")).kept()).isEmpty();
    }

    @Test
    void requiresUserProgressAndAnIsoTimestampWithOffset() {
        assertThatThrownBy(() -> PostedScore.parse(json("{}")))
                .hasMessageContaining("userId is required").hasMessageContaining("activityProgress is required")
                .hasMessageContaining("gradingProgress is required").hasMessageContaining("timestamp is required");
        assertThatThrownBy(() -> PostedScore.parse(json("{'userId':'u','activityProgress':'Done','gradingProgress':'Graded',"
                + "'timestamp':'2026-11-26 10:00'}")))
                .isInstanceOf(PostedScore.Invalid.class)
                .hasMessageContaining("activityProgress 'Done'").hasMessageContaining("gradingProgress 'Graded'")
                .hasMessageContaining("not an ISO 8601");
        assertThatThrownBy(() -> PostedScore.parse(json("{'userId':'u','activityProgress':'Completed',"
                + "'gradingProgress':'FullyGraded','timestamp':'2026-11-26T10:00:00'}"))).hasMessageContaining("with offset");
    }

    @Test
    void scoreGivenNeedsAPositiveMaximum() {
        assertThatThrownBy(() -> PostedScore.parse(json("{'userId':'u','scoreGiven':3,'activityProgress':'Completed',"
                + "'gradingProgress':'FullyGraded','timestamp':'2026-11-26T10:00:00Z'}")))
                .hasMessageContaining("scoreGiven needs a scoreMaximum greater than 0");
        assertThatThrownBy(() -> PostedScore.parse(json("{'userId':'u','scoreGiven':-1,'scoreMaximum':0,"
                + "'activityProgress':'Completed','gradingProgress':'FullyGraded','timestamp':'2026-11-26T10:00:00Z'}")))
                .hasMessageContaining("greater than 0").hasMessageContaining("0 or more");
        assertThatThrownBy(() -> PostedScore.parse(json("{'userId':'u','scoreGiven':'8','scoreMaximum':10,"
                + "'activityProgress':'Completed','gradingProgress':'FullyGraded','timestamp':'2026-11-26T10:00:00Z'}")))
                .hasMessageContaining("scoreGiven must be a number");
    }

    @Test
    void onlyAStrictlyNewerTimestampFollowsTheLatest() {
        PostedScore posted = PostedScore.parse(json("{'userId':'u','activityProgress':'Completed','gradingProgress':'Pending',"
                + "'timestamp':'2026-11-26T10:00:00.000500Z'}"));
        assertThat(posted.follows(Optional.empty())).isTrue();
        assertThat(posted.follows(Optional.of(Instant.parse("2026-11-26T10:00:00.0005Z")))).isFalse();
        assertThat(posted.follows(Optional.of(Instant.parse("2026-11-26T10:00:01Z")))).isFalse();
        assertThat(posted.follows(Optional.of(Instant.parse("2026-11-26T10:00:00.0004Z")))).isTrue();
    }
}
