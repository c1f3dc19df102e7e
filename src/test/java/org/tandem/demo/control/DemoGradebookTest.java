package org.tandem.demo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.demo.entity.DemoResult;
import org.tandem.demo.entity.PostedScore;
import org.tandem.demo.entity.ScoreProgress;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * The demo gradebook on both databases: every accepted score is kept, the cell holds the latest,
 * an older timestamp is refused without a trace (Moodle's 409), and only members get scores.
 */
class DemoGradebookTest {

    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    private <X> X with(Database db, Function<DemoGradebook, X> work) {
        return db.inTransaction(em -> work.apply(new DemoGradebook(em, clock)));
    }

    static PostedScore score(DemoPerson who, Double given, ScoreProgress.Grading grading, Instant timestamp) {
        return new PostedScore(who.subject(), Optional.ofNullable(given), Optional.ofNullable(given == null ? null : 10.0),
                ScoreProgress.Activity.Completed, grading, timestamp, Optional.empty());
    }

    private DemoLineItem column(Database db) {
        return with(db, g -> g.create("Scenario " + UUID.randomUUID(), 100, "scenario:" + UUID.randomUUID(), "scenario", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsEveryScoreAndShowsTheLatestInTheCell(Database db) {
        DemoLineItem column = column(db);
        with(db, g -> g.record(column, score(DemoPerson.MANAGER, 4.0, ScoreProgress.Grading.FullyGraded, T)));
        with(db, g -> g.record(column, score(DemoPerson.MANAGER, 8.0, ScoreProgress.Grading.FullyGraded, T.plusSeconds(60))));

        DemoGradebook.Sheet sheet = with(db, DemoGradebook::sheet);
        DemoGradebook.Row alex = sheet.rows().stream().filter(r -> r.userId().equals("demo-manager")).findFirst().orElseThrow();
        DemoLineItem shown = sheet.columns().stream().filter(c -> c.id() == column.id()).findFirst().orElseThrow();
        DemoResult cell = sheet.cell(shown, alex).orElseThrow();
        assertThat(cell.latest().kept()).contains(8.0);
        assertThat(cell.scoresReceived()).isEqualTo(2);
        assertThat(sheet.scoresReceived()).isGreaterThanOrEqualTo(2);
        assertThat(sheet.rows()).extracting(DemoGradebook.Row::name)
                .contains("Alex Morgan", "Dr Priya Shah", "Jamie Clarke", "Ana Costa").doesNotContain("Jordan Lee");
        assertThat(column.scaled(8, 10)).isEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAnOlderOrEqualTimestampAndStoresNothing(Database db) {
        DemoLineItem column = column(db);
        with(db, g -> g.record(column, score(DemoPerson.CLINICIAN, 9.0, ScoreProgress.Grading.FullyGraded, T)));

        assertThatThrownBy(() -> with(db, g -> g.record(column, score(DemoPerson.CLINICIAN, 2.0,
                ScoreProgress.Grading.FullyGraded, T.minusMillis(1))))).isInstanceOf(DemoResult.StaleScore.class);
        assertThatThrownBy(() -> with(db, g -> g.record(column, score(DemoPerson.CLINICIAN, 2.0,
                ScoreProgress.Grading.FullyGraded, T)))).isInstanceOf(DemoResult.StaleScore.class);

        List<DemoResult> results = with(db, g -> g.results(column, Optional.of(DemoPerson.CLINICIAN.subject())));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.latest().kept()).contains(9.0);
            assertThat(r.scoresReceived()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLaterScoreThatIsNotFullyGradedClearsTheGrade(Database db) {
        DemoLineItem column = column(db);
        with(db, g -> g.record(column, score(DemoPerson.SECOND_MANAGER, 9.0, ScoreProgress.Grading.FullyGraded, T)));
        with(db, g -> g.record(column, score(DemoPerson.SECOND_MANAGER, 3.0, ScoreProgress.Grading.PendingManual,
                T.plusSeconds(1))));

        List<DemoResult> results = with(db, g -> g.results(column, Optional.empty()));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.latest().kept()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void acceptsScoresForMembersOfTheCourseOnly(Database db) {
        DemoLineItem column = column(db);
        assertThatThrownBy(() -> with(db, g -> g.record(column, new PostedScore("someone-else", Optional.empty(), Optional.empty(),
                ScoreProgress.Activity.Started, ScoreProgress.Grading.NotReady, T, Optional.empty()))))
                .isInstanceOf(DemoGradebook.NotAMember.class).hasMessageContaining("someone-else");
        List<DemoResult> results = with(db, g -> g.results(column, Optional.empty()));
        assertThat(results).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void findsLineItemsByResourceIdTagAndResourceLink(Database db) {
        String resource = "module:" + UUID.randomUUID();
        DemoLineItem a = with(db, g -> g.create("Module", 1, resource, "module", "module-two-views"));
        with(db, g -> g.create("Module (again)", 1, resource, "other", null));

        List<DemoLineItem> byAll = with(db, g -> g.lineItems(resource, "module", "module-two-views"));
        assertThat(byAll).extracting(DemoLineItem::id).containsExactly(a.id());
        List<DemoLineItem> byResource = with(db, g -> g.lineItems(resource, null, null));
        assertThat(byResource).hasSize(2);
    }
}
