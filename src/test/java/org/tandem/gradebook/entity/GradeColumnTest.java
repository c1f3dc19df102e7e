package org.tandem.gradebook.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GradeColumnTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final String LINE_ITEMS = "https://lms.example/api/lti/courses/7/line_items";
    private static final Set<String> SCOPES = Set.of("https://purl.imsglobal.org/spec/lti-ags/scope/score");

    private static GradeColumn launchedOnce() {
        GradeColumn column = new GradeColumn(new Course(1, "d1", "c1"), "link-1", "module:m", SendMode.SCORE, NOW);
        column.launched("Week 1", Optional.of(LINE_ITEMS + "/1?type_id=5"), Optional.of(LINE_ITEMS), SCOPES, "module:m",
                SendMode.SCORE, NOW);
        return column;
    }

    @Test
    void theSameLaunchAgainChangesNothingSoNoLaunchWritesTheRow() {
        GradeColumn column = launchedOnce();

        assertThat(column.launched("Week 1", Optional.of(LINE_ITEMS + "/1?type_id=5"), Optional.of(LINE_ITEMS),
                SCOPES, "module:m", SendMode.SCORE, NOW.plusSeconds(60))).isFalse();
        // a link without its own line item, or a launch without scopes, does not forget what an earlier launch said
        assertThat(column.launched("Week 1", Optional.empty(), Optional.empty(), Set.of(), "module:m",
                SendMode.SCORE, NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void aLaunchThatMovesTheLineItemIsRecordedOnTheColumn() {
        GradeColumn column = launchedOnce();
        column.lineItemProblem("the LMS answered 404", NOW);

        assertThat(column.launched("Week 1", Optional.of(LINE_ITEMS + "/2"), Optional.of(LINE_ITEMS), SCOPES, "module:m",
                SendMode.SCORE, NOW)).isTrue();
        assertThat(column.lineItemUrl()).contains(LINE_ITEMS + "/2");
        assertThat(column.lineItemProblem()).isEmpty();
    }

    @Test
    void aTrainersChoiceOfModeOutlivesTheLinksParameter() {
        GradeColumn column = launchedOnce();
        column.chooseMode(SendMode.COMPLETION, NOW);

        assertThat(column.launched("Week 1", Optional.empty(), Optional.empty(), Set.of(), "module:m",
                SendMode.SCORE, NOW)).isFalse();
        assertThat(column.mode()).isEqualTo(SendMode.COMPLETION);
        assertThat(column.launched("Week 1 (renamed)", Optional.empty(), Optional.empty(), Set.of(), "module:m",
                SendMode.SCORE, NOW)).isTrue();
    }
}
