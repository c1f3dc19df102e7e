package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.evaluation.entity.Response;

class EvaluationCsvTest {

    private static final Instrument INSTRUMENT = Fixtures.instrument();
    private static final String HEADER = "pseudonym,group,instrument_version,"
            + "pre_t1,pre_t2,pre_t3,pre_t4,pre_u1,pre_u2,post_t1,post_t2,post_t3,post_t4,post_u1,post_u2,"
            + "then_t1,then_t2,then_t3,then_t4,then_u1,then_u2,pre_outlook,post_outlook,"
            + "pre_trust,post_trust,change_trust,pre_understanding,post_understanding,change_understanding,"
            + "pre_total,post_total,change_total";

    private static EvaluationReport report(int managers, int clinicians, int others) {
        SimulatedCohort cohort = new SimulatedCohort(INSTRUMENT, 42);
        return EvaluationReport.of(INSTRUMENT, cohort.responses(cohort.learners("u", managers, clinicians, others)),
                Suppression.standard());
    }

    private static List<String[]> rows(String csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\r\n")) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void hasTheDocumentedColumnsAndOneRowPerMatchedLearner() {
        EvaluationCsv.Export export = EvaluationCsv.of(report(9, 10, 0));
        List<String[]> rows = rows(export.csv());
        assertThat(String.join(",", rows.get(0))).isEqualTo(HEADER);
        assertThat(export.rows()).isEqualTo(19);
        assertThat(rows).hasSize(20).allSatisfy(row -> assertThat(row).hasSize(rows.get(0).length));
        assertThat(export.withheld()).isEmpty();
        assertThat(export.csv()).endsWith("\r\n");
        List<String> keys = rows.subList(1, rows.size()).stream().map(row -> row[0]).toList();
        assertThat(keys).as("sorted by pseudonym").isSorted().doesNotHaveDuplicates();
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[1]).containsOnly("manager", "clinician");
        String[] first = rows.get(1);
        assertThat(first[2]).isEqualTo("1");
        assertThat(first[21]).isIn("Get better", "better", "the same", "worse");
    }

    @Test
    void scoresAreTheReportsScores() {
        EvaluationReport report = report(9, 10, 0);
        List<String[]> rows = rows(EvaluationCsv.of(report).csv());
        ScoredPair pair = report.scoredPairs().stream().filter(p -> p.pair().learnerKey().equals(rows.get(1)[0])).findFirst()
                .orElseThrow();
        List<String> header = Arrays.asList(rows.get(0));
        Measure trust = report.measures().get(0);
        assertThat(Double.parseDouble(rows.get(1)[header.indexOf("pre_trust")])).isCloseTo(pair.pre(trust).getAsDouble(),
                org.assertj.core.data.Offset.offset(0.0001));
        assertThat(Double.parseDouble(rows.get(1)[header.indexOf("change_total")]))
                .isCloseTo(pair.change(Measure.TOTAL).getAsDouble(), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(rows.get(1)[header.indexOf("pre_t1")]).isEqualTo(String.valueOf(pair.pair().pre().answers().get("t1")));
    }

    @Test
    void withholdsTheGroupOfASmallGroup() {
        // 3 clinicians are too few; the managers are then withheld too, or all minus managers would give them back
        EvaluationCsv.Export export = EvaluationCsv.of(report(10, 3, 0));
        List<String[]> rows = rows(export.csv());
        assertThat(export.rows()).isEqualTo(13);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[1]).containsOnly(EvaluationCsv.WITHHELD);
        assertThat(export.withheld()).hasValueSatisfying(reason -> assertThat(reason).contains("clinicians").contains("8"));
    }

    @Test
    void anEarlierExportCannotGiveWithheldRowsTheirGroupBack() {
        // the join attack: an export of 10 managers and 9 clinicians shows every group; two
        // clinicians then withdraw consent, the 7 left are withheld (and the managers with them), and
        // joining the later export to the earlier one by pseudonym would name every withheld row
        SimulatedCohort cohort = new SimulatedCohort(INSTRUMENT, 42);
        List<SimulatedCohort.Learner> learners = cohort.learners("u", 10, 9, 0);
        List<Response> before = cohort.responses(learners);
        List<Response> after = before.stream().map(r -> r.learnerKey().equals("key-u-11") || r.learnerKey().equals("key-u-12")
                ? Fixtures.withoutConsent(r) : r).toList();
        EvaluationCsv.Export earlier = EvaluationCsv.of(EvaluationReport.of(INSTRUMENT, before, Suppression.standard()));
        EvaluationReport withheld = EvaluationReport.of(INSTRUMENT, after, Suppression.standard());
        assertThat(EvaluationCsv.withheldGroups(withheld)).contains(Cohort.CLINICIANS);

        EvaluationCsv.Export later = EvaluationCsv.of(withheld);
        EvaluationCsv.Export again = EvaluationCsv.of(withheld);

        Map<String, String> earlierGroups = new HashMap<>();
        rows(earlier.csv()).subList(1, 20).forEach(row -> earlierGroups.put(row[0], row[1]));
        assertThat(earlier.stablePseudonyms()).isTrue();
        assertThat(earlierGroups).hasSize(19).containsValues("manager", "clinician");
        List<String[]> laterRows = rows(later.csv()).subList(1, 18);
        assertThat(laterRows).extracting(row -> row[1]).containsOnly(EvaluationCsv.WITHHELD);
        assertThat(later.stablePseudonyms()).isFalse();
        assertThat(laterRows).extracting(row -> row[0]).allSatisfy(key -> assertThat(key).matches("x-[0-9a-f]{12}"))
                .as("joined by pseudonym, no withheld row finds its group").noneMatch(earlierGroups::containsKey)
                .doesNotHaveDuplicates();
        assertThat(rows(again.csv()).subList(1, 18)).extracting(row -> row[0]).as("nor does one later export join another")
                .doesNotContainAnyElementsOf(laterRows.stream().map(row -> row[0]).toList());
        assertThat(later.withheld()).hasValueSatisfying(reason -> assertThat(reason).contains("for this export only")
                .as("it goes into an HTTP header: Latin-1 only").matches("[\\x20-\\x7e]*"));
        assertThat(EvaluationCsv.of(EvaluationReport.of(INSTRUMENT, before, Suppression.standard())).csv())
                .as("with nothing withheld, the stable pseudonyms: exports of the same data are the same")
                .isEqualTo(earlier.csv());
    }

    @Test
    void oneExportPseudonymsAreSortedSoTheOrderGivesNothingAway() {
        byte[] key = new byte[32];
        List<String[]> rows = rows(EvaluationCsv.of(report(10, 3, 0), key).csv());
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[0]).isSorted()
                .allSatisfy(pseudonym -> assertThat(pseudonym).startsWith("x-"));
    }

    @Test
    void keepsGroupsThatAreLargeEnough() {
        EvaluationCsv.Export export = EvaluationCsv.of(report(10, 12, 9));
        assertThat(rows(export.csv()).subList(1, 32)).extracting(row -> row[1]).containsOnly("manager", "clinician", "other");
    }

    @Test
    void exportsTheHeaderOnlyBelowTheMinimum() {
        EvaluationCsv.Export export = EvaluationCsv.of(report(4, 3, 0));
        assertThat(export.csv()).isEqualTo(HEADER + "\r\n");
        assertThat(export.rows()).isZero();
        assertThat(export.withheld()).hasValueSatisfying(reason -> assertThat(reason).contains("fewer than 8"));
    }

    @Test
    void leavesMissingAnswersEmpty() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(Fixtures.pre("k" + i, org.tandem.learning.entity.ProfessionalGroup.MANAGER,
                    Fixtures.answers("t1", 2, "t2", 3, "t4", 2, "u1", 3, "u2", 1 + i % 5)));
            responses.add(Fixtures.post("k" + i, org.tandem.learning.entity.ProfessionalGroup.MANAGER, Fixtures.all(4)));
        }
        EvaluationReport report = EvaluationReport.of(INSTRUMENT, responses, Suppression.standard());
        List<String[]> rows = rows(EvaluationCsv.of(report).csv());
        List<String> header = Arrays.asList(rows.get(0));
        assertThat(rows.get(1)[header.indexOf("pre_t3")]).isEmpty();
        assertThat(rows.get(1)[header.indexOf("then_t1")]).isEmpty();
        assertThat(rows.get(1)[header.indexOf("pre_outlook")]).isEmpty();
        assertThat(rows.get(1)[header.indexOf("pre_trust")]).as("three of four trust items: scored").isNotEmpty();
    }
}
