package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.SimulatedCohort;

class EvaluationJsonTest {

    private static final Instrument INSTRUMENT = Fixtures.instrument();

    private static JsonObject summary(int managers, int clinicians) {
        SimulatedCohort cohort = new SimulatedCohort(INSTRUMENT, 7);
        EvaluationReport report = EvaluationReport.of(INSTRUMENT, cohort.responses(cohort.learners("u", managers, clinicians, 0)),
                Suppression.standard());
        return EvaluationJson.summary(report, "course", 0);
    }

    private static JsonObject cell(JsonObject summary, String measure, String cohort) {
        return summary.getJsonArray("cells").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("measure").equals(measure) && c.getString("cohort").equals(cohort)).findFirst()
                .orElseThrow();
    }

    @Test
    void summarisesEveryCellWithItsFigures() {
        JsonObject summary = summary(10, 9);
        assertThat(summary.getJsonObject("matching").getInt("matched")).isEqualTo(19);
        assertThat(summary.getInt("minimum_group_size")).isEqualTo(8);
        assertThat(summary.getJsonArray("cells")).hasSize(3 * Cohort.values().length);
        JsonObject all = cell(summary, "total", "all");
        assertThat(all.getString("status")).isEqualTo("shown");
        assertThat(all.getInt("n")).isEqualTo(19);
        assertThat(all.getJsonNumber("mean_change").doubleValue()).isPositive();
        assertThat(all.getJsonNumber("ci_lower").doubleValue()).isLessThan(all.getJsonNumber("ci_upper").doubleValue());
        assertThat(all.getJsonNumber("t_p").doubleValue()).isBetween(0.0, 1.0);
        assertThat(all.get("alpha_pre").getValueType()).isEqualTo(JsonValue.ValueType.NUMBER);
        assertThat(all.getJsonObject("then_test").getString("status")).isEqualTo("shown");
        JsonObject managers = cell(summary, "trust", "managers");
        assertThat(managers.getString("status")).isEqualTo("shown");
        assertThat(summary.getJsonArray("group_differences").getJsonObject(0).getString("status")).isEqualTo("shown");
        assertThat(summary.getJsonArray("readings")).isNotEmpty();
    }

    @Test
    void leavesOutEveryFigureOfASuppressedGroup() {
        JsonObject summary = summary(10, 3);
        for (String measure : new String[] {"trust", "understanding", "total"}) {
            for (String cohort : new String[] {"managers", "clinicians"}) {
                JsonObject cell = cell(summary, measure, cohort);
                assertThat(cell.getString("status")).isEqualTo("suppressed");
                assertThat(cell.getString("reason")).startsWith("Suppressed");
                assertThat(cell.keySet()).containsOnly("measure", "measure_title", "cohort", "status", "reason");
            }
            assertThat(cell(summary, measure, "all").getString("status")).isEqualTo("shown");
        }
        assertThat(summary.getJsonArray("group_differences").getJsonObject(0).keySet())
                .containsOnly("measure", "status", "reason");
        summary.getJsonArray("outlook").stream().map(JsonValue::asJsonObject)
                .filter(table -> table.getString("cohort").equals("clinicians"))
                .forEach(table -> assertThat(table.getString("status")).isEqualTo("suppressed"));
    }

    @Test
    void withholdsEverythingBelowTheMinimumOverall() {
        JsonObject summary = summary(3, 2);
        summary.getJsonArray("cells").stream().map(JsonValue::asJsonObject)
                .forEach(cell -> assertThat(cell.getString("status")).isEqualTo("suppressed"));
        JsonObject matching = summary.getJsonObject("matching");
        assertThat(matching.isNull("matched")).as("a small count is withheld like a small group").isTrue();
        assertThat(matching.getJsonObject("notes").getString("matched")).startsWith("fewer than 8");
        assertThat(matching.getInt("pre_only")).as("zero is no group of people").isZero();
        assertThat(matching.toString()).doesNotContain("5");
    }
}
