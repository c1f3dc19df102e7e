package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.OutlookItem;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.evaluation.RFigures;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * "Reproduce in R": R, running Tandem's script on Tandem's CSV export, computes every figure of
 * the JSON summary (the page's figures) to within 1e-9. Needs R ({@code Rscript}); skipped with
 * the reason where it is not installed.
 */
class RScriptTest {

    private static final Instrument RELATIONSHIP = new PackReader().readClasspath("content/starter").instrument("relationship")
            .orElseThrow();

    private static RFigures.Comparison reproduce(Path dir, EvaluationReport report) throws Exception {
        RFigures.assumeR();
        EvaluationCsv.Export export = EvaluationCsv.of(report);
        JsonObject summary = EvaluationJson.summary(report, "course", 0);
        return RFigures.run(dir, RScript.of(report, "tandem-evaluation-" + report.instrument().id() + "-course.csv"),
                export.csv(), summary);
    }

    private static long wilcoxon(EvaluationReport report, boolean exact) {
        return report.cells().stream().filter(cell -> cell.change().defined())
                .map(cell -> cell.change().get().signedRank()).filter(Outcome::defined)
                .filter(test -> test.get().exact() == exact).count();
    }

    @Test
    void reproducesEveryFigureOfTheStarterInstrumentsPage(@TempDir Path dir) throws Exception {
        SimulatedCohort cohort = new SimulatedCohort(RELATIONSHIP, 16);
        EvaluationReport report = EvaluationReport.of(RELATIONSHIP, cohort.responses(cohort.learners("r", 12, 10, 9)),
                Suppression.standard());
        assertThat(EvaluationCsv.withheldGroups(report)).isEmpty();

        RFigures.Comparison comparison = reproduce(dir, report);

        assertThat(comparison.mismatches()).as(comparison.rOutput()).isEmpty();
        assertThat(comparison.compared()).as("cells, then-test, group differences, outlook").isGreaterThan(1000);
        assertThat(wilcoxon(report, false)).as("normal approximations compared").isPositive();
        assertThat(comparison.rOutput()).contains("Change from before to after").contains("Managers compared with clinicians");
    }

    @Test
    void reproducesAPageWithWithheldGroupsMissingAnswersAndExactSignedRankTests(@TempDir Path dir) throws Exception {
        // a 1–7 scale, subscales of 3 and 2 items (thirds and halves) with a reverse item, a formula-like
        // outlook option, 11 managers and 3 clinicians: clinicians withheld, managers with them, the
        // export's pseudonyms for that export only. Learner i moves subscale A up by (i + 1)/3 (some
        // from two of three items before) and B not at all: every change of A and of the total
        // differs, so R and Tandem take the exact signed-rank test there, and none is left for B.
        Instrument instrument = new Instrument("odd", 2, "Odd \"scale\" \\ test", "", new org.tandem.catalogue.entity.Scale(1, 7,
                List.of("1", "2", "3", "4", "5", "6", "7")), List.of(
                new Subscale("a", "A", List.of(new Item("a1", "x", false), new Item("a2", "y", true), new Item("a3", "z", false))),
                new Subscale("b", "B", List.of(new Item("b1", "x", false), new Item("b2", "y", false)))),
                new OutlookItem("o", "Outlook", List.of("-worse", "same", "=better")), false, null);
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ProfessionalGroup group = i < 11 ? ProfessionalGroup.MANAGER : ProfessionalGroup.CLINICIAN;
            Map<String, Integer> pre = new java.util.LinkedHashMap<>(Map.of("a1", 1, "a2", 7, "b1", 4, "b2", 5));
            if (i % 4 != 0) {
                pre.put("a3", 1);
            }
            int sum = 4 + i;
            int a1 = Math.min(7, sum - 2);
            int a3 = Math.min(7, sum - a1 - 1);
            int reversed = sum - a1 - a3;
            Map<String, Integer> post = Map.of("a1", a1, "a2", 8 - reversed, "a3", a3, "b1", 5, "b2", 4);
            responses.add(Fixtures.withOutlook(Fixtures.pre("k" + i, group, pre), i % 3));
            responses.add(Fixtures.withOutlook(Fixtures.post("k" + i, group, post), (i * 2) % 3));
        }
        EvaluationReport report = EvaluationReport.of(instrument, Fixtures.answering(instrument, responses),
                Suppression.standard());
        assertThat(EvaluationCsv.withheldGroups(report)).contains(Cohort.CLINICIANS, Cohort.MANAGERS);
        assertThat(wilcoxon(report, true)).as("exact signed-rank tests compared").isEqualTo(2);

        RFigures.Comparison comparison = reproduce(dir, report);

        assertThat(comparison.mismatches()).as(comparison.rOutput()).isEmpty();
        assertThat(comparison.compared()).isGreaterThan(40);
        JsonObject summary = EvaluationJson.summary(report, "course", 0);
        assertThat(summary.getJsonArray("cells")).map(JsonValue::asJsonObject)
                .filteredOn(cell -> cell.getString("cohort").equals("managers")).allSatisfy(cell ->
                        assertThat(cell.getString("status")).isEqualTo("suppressed"));
    }

    @Test
    void escapesPackTextInRStrings() {
        assertThat(RScript.string("a \"quoted\" \\ title\n\"); system(\"rm\")")).isEqualTo(
                "\"a \\\"quoted\\\" \\\\ title\\x0a\\\"); system(\\\"rm\\\")\"");
    }
}
