package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tandem.evaluation.control.Fixtures.all;
import static org.tandem.evaluation.control.Fixtures.answers;
import static org.tandem.evaluation.control.Fixtures.post;
import static org.tandem.evaluation.control.Fixtures.pre;
import static org.tandem.evaluation.control.Fixtures.version;
import static org.tandem.evaluation.control.Fixtures.withOutlook;
import static org.tandem.learning.entity.ProfessionalGroup.CLINICIAN;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;
import static org.tandem.learning.entity.ProfessionalGroup.OTHER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.OutlookItem;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.InstrumentScoring;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

class EvaluationReportTest {

    private final Instrument instrument = Fixtures.instrument();
    private final Measure trust = Measure.of(instrument.subscales().get(0));
    private final Measure understanding = Measure.of(instrument.subscales().get(1));

    /** Pre answer of learner i: every item 1–4 in turn. */
    private static int before(int i) {
        return 1 + i % 4;
    }

    /** Post answer of learner i: one point up for two learners in three. */
    private static int after(int i, int shift) {
        return Math.min(5, before(i) + ((i + shift) % 3 == 0 ? 0 : 1));
    }

    /** Trust with every item answered v: t1, t2, t4 score v, reverse t3 scores 6 − v. */
    private static double trustOf(int v) {
        return (2.0 * v + 6) / 4;
    }

    private static List<Response> cohort(String prefix, ProfessionalGroup group, int n, int shift) {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            responses.add(withOutlook(pre(prefix + i, group, all(before(i))), i % 3));
            responses.add(withOutlook(post(prefix + i, group, all(after(i, shift))), (i + shift) % 3 == 0 ? i % 3 : 0));
        }
        return responses;
    }

    private static List<Response> join(List<Response>... parts) {
        List<Response> all = new ArrayList<>();
        for (List<Response> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    void reportsTheChangePerSubscaleAndTotalForAllLearnersAndEachGroup() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 10, 0), cohort("c", CLINICIAN, 9, 1)),
                Suppression.standard());

        assertThat(report.measures()).containsExactly(trust, understanding, Measure.TOTAL);
        assertThat(report.matching().matched()).isEqualTo(19);
        double[] managersPre = new double[10];
        double[] managersPost = new double[10];
        for (int i = 0; i < 10; i++) {
            managersPre[i] = trustOf(before(i));
            managersPost[i] = trustOf(after(i, 0));
        }
        assertThat(report.cell(trust, Cohort.MANAGERS).change().get()).isEqualTo(PairedComparison.of(managersPre, managersPost));
        assertThat(report.cell(trust, Cohort.ALL).change().get().n()).isEqualTo(19);
        assertThat(report.cell(understanding, Cohort.CLINICIANS).change().get().meanChange().get())
                .isEqualTo(PairedComparison.of(new double[] {1, 2, 3, 4, 1, 2, 3, 4, 1},
                        new double[] {2, 3, 3, 5, 2, 2, 4, 5, 1}).meanChange().get());
        double[] totalPre = new double[10];
        double[] totalPost = new double[10];
        for (int i = 0; i < 10; i++) {
            totalPre[i] = (trustOf(before(i)) + before(i)) / 2;
            totalPost[i] = (trustOf(after(i, 0)) + after(i, 0)) / 2;
        }
        assertThat(report.cell(Measure.TOTAL, Cohort.MANAGERS).change().get()).isEqualTo(PairedComparison.of(totalPre, totalPost));
        assertThat(report.cell(trust, Cohort.OTHERS).change().reason()).hasValue(
                "No matched learners with a score before and after in this group.");
        assertThat(report.shows(trust, Cohort.OTHERS)).isTrue();
    }

    @Test
    void comparesTheChangeOfManagersWithThatOfClinicians() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 10, 0), cohort("c", CLINICIAN, 9, 1)),
                Suppression.standard());

        double[] managers = new double[10];
        for (int i = 0; i < 10; i++) {
            managers[i] = after(i, 0) - before(i);
        }
        double[] clinicians = new double[9];
        for (int i = 0; i < 9; i++) {
            clinicians[i] = after(i, 1) - before(i);
        }
        assertThat(report.groupDifference(understanding).get()).isEqualTo(GroupDifference.of(managers, clinicians));
        assertThat(report.groupDifferenceReading(understanding).text()).startsWith("On average the managers' scores changed by");
    }

    @Test
    void showsGroupsOfEight() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 8, 0), cohort("c", CLINICIAN, 8, 1)),
                Suppression.standard());

        assertThat(report.cells()).noneMatch(Cell::suppressed);
        assertThat(report.groupDifference(trust).defined()).isTrue();
    }

    @Test
    void suppressesAGroupOfSevenEverywhereAndTheGroupThatWouldRevealIt() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 8, 0), cohort("c", CLINICIAN, 7, 1)),
                Suppression.standard());

        for (Measure measure : report.measures()) {
            assertThat(report.shows(measure, Cohort.ALL)).isTrue();
            Cell clinicians = report.cell(measure, Cohort.CLINICIANS);
            assertThat(clinicians.suppressed()).isTrue();
            assertThat(clinicians.change().reason()).hasValue(
                    "Suppressed: fewer than 8 matched learners with a score before and after (the minimum for reporting is 8).");
            assertThat(clinicians.alphaPre().suppressed()).isTrue();
            assertThat(clinicians.thenTest().suppressed()).isTrue();
            assertThat(clinicians.readings(ReadingTest.LIKERT)).singleElement().extracting(Reading::text).asString().startsWith("Suppressed:");
            // all 15 minus the managers would give the clinicians' figures back
            assertThat(report.cell(measure, Cohort.MANAGERS).suppressed()).isTrue();
            assertThat(report.groupDifference(measure).suppressed()).isTrue();
        }
        assertThat(report.outlook(Cohort.CLINICIANS).suppressed()).isTrue();
        assertThat(report.outlook(Cohort.ALL).defined()).isTrue();
    }

    @Test
    void aSmallOtherGroupHidesItselfAndTheNextSmallestGroupOnly() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 12, 0), cohort("c", CLINICIAN, 9, 1),
                cohort("o", OTHER, 2, 2)), Suppression.standard());

        assertThat(report.shows(trust, Cohort.ALL)).isTrue();
        assertThat(report.shows(trust, Cohort.MANAGERS)).isTrue();
        assertThat(report.shows(trust, Cohort.OTHERS)).isFalse();
        assertThat(report.shows(trust, Cohort.CLINICIANS)).isFalse();
    }

    @Test
    void aConfiguredMinimumOfFiveShowsGroupsOfFive() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 5, 0), cohort("c", CLINICIAN, 5, 1)),
                new Suppression(5));

        assertThat(report.cells()).noneMatch(Cell::suppressed);
    }

    @Test
    void tooFewLearnersOverallSuppressesTheWholeReport() {
        EvaluationReport report = EvaluationReport.of(instrument, cohort("m", MANAGER, 7, 0), Suppression.standard());

        assertThat(report.cells()).allMatch(Cell::suppressed);
        assertThat(report.outlook(Cohort.ALL).suppressed()).isTrue();
        assertThat(report.readings()).allSatisfy(reading -> assertThat(reading.text()).startsWith("Suppressed:"));
    }

    @Test
    void noResponsesGiveAReportOfReasons() {
        EvaluationReport report = EvaluationReport.of(instrument, List.of(), Suppression.standard());

        assertThat(report.matching().matched()).isZero();
        assertThat(report.cells()).hasSize(3 * 4).allMatch(Cell::suppressed);
        assertThat(report.readings()).isNotEmpty();
    }

    @Test
    void missingItemsFollowTheHalfRuleAndTheTotalNeedsEverySubscale() {
        List<Response> responses = new ArrayList<>(cohort("m", MANAGER, 10, 0));
        // trust answered in full, understanding not at all after: counts for trust only
        responses.add(pre("gap", MANAGER, all(2)));
        responses.add(post("gap", MANAGER, answers("t1", 3, "t2", 3, "t3", 3, "t4", 3)));
        // half of trust answered before (t1, t3): still scores
        responses.add(pre("half", MANAGER, answers("t1", 2, "t3", 4, "u1", 2, "u2", 2)));
        responses.add(post("half", MANAGER, all(3)));

        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        assertThat(report.cell(trust, Cohort.ALL).change().get().n()).isEqualTo(12);
        assertThat(report.cell(understanding, Cohort.ALL).change().get().n()).isEqualTo(11);
        assertThat(report.cell(Measure.TOTAL, Cohort.ALL).change().get().n()).isEqualTo(11);
        ScoredPair half = report.scoredPairs().stream().filter(p -> p.pair().learnerKey().equals("half")).findFirst().orElseThrow();
        assertThat(half.pre(trust)).hasValue(2.0);
        ScoredPair gap = report.scoredPairs().stream().filter(p -> p.pair().learnerKey().equals("gap")).findFirst().orElseThrow();
        assertThat(gap.post(understanding)).isEmpty();
        assertThat(gap.post(Measure.TOTAL)).isEmpty();
        assertThat(gap.change(trust)).hasValue(trustOf(3) - trustOf(2));
        // alpha leaves out "half" (two trust items missing before) and counts it
        assertThat(report.cell(trust, Cohort.ALL).alphaPre().get().incomplete()).isEqualTo(1);
        assertThat(report.cell(trust, Cohort.ALL).alphaPost().get().incomplete()).isZero();
    }

    @Test
    void computesAlphaBeforeAndAfterOverTheCellsLearners() {
        List<Response> responses = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            int level = 1 + random.nextInt(5);
            responses.add(pre("l" + i, MANAGER, answers("t1", level, "t2", Math.max(1, level - random.nextInt(2)),
                    "t3", 6 - level, "t4", level, "u1", 1 + random.nextInt(5), "u2", 1 + random.nextInt(5))));
            responses.add(post("l" + i, MANAGER, all(1 + random.nextInt(5))));
        }
        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        List<Map<String, Integer>> preAnswers = responses.stream().filter(r -> r.phase() == Phase.PRE).map(Response::answers).toList();
        assertThat(report.cell(trust, Cohort.MANAGERS).alphaPre().get()).isEqualTo(
                CronbachAlpha.of(instrument.subscales().get(0).items(), new InstrumentScoring(instrument),
                        preAnswers));
        assertThat(report.cell(Measure.TOTAL, Cohort.MANAGERS).alphaPre().get().items()).isEqualTo(6);
        // After, every item was answered alike, reverse-worded t3 included: t3 then scores 6 − v and
        // cancels the others' variance (items v, v, 6 − v, v; total 2v + 6), so alpha is 0.
        assertThat(report.cell(trust, Cohort.MANAGERS).alphaPost().get().alpha().get())
                .isCloseTo(0.0, within(1e-12));
    }

    @Test
    void suppressesAlphaWhenTooFewLearnersAnsweredEveryItem() {
        List<Response> responses = new ArrayList<>(cohort("m", MANAGER, 8, 0));
        responses.set(0, pre("m0", MANAGER, answers("t1", 2, "t2", 2, "t4", 2, "u1", 2, "u2", 2)));

        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        assertThat(report.cell(trust, Cohort.ALL).change().defined()).isTrue();
        assertThat(report.cell(trust, Cohort.ALL).alphaPre().reason()).hasValue(
                "Suppressed: fewer than 8 learners who answered every item (the minimum for reporting is 8).");
        assertThat(report.cell(understanding, Cohort.ALL).alphaPre().defined()).isTrue();
    }

    @Test
    void identicalAnswersGiveReasonsNotErrors() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(pre("s" + i, CLINICIAN, all(3)));
            responses.add(post("s" + i, CLINICIAN, all(3)));
        }

        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        Cell cell = report.cell(trust, Cohort.ALL);
        assertThat(cell.change().get().meanChange().get()).isZero();
        assertThat(cell.change().get().tTest().defined()).isFalse();
        assertThat(cell.alphaPre().get().alpha().defined()).isFalse();
        assertThat(cell.readings(ReadingTest.LIKERT)).extracting(Reading::text).anyMatch(text -> text.contains("Every learner's change is the same"))
                .anyMatch(text -> text.contains("same total"));
        assertThat(report.groupDifference(trust).get().difference().defined()).isFalse();
    }

    @Test
    void thenTestComparesThenWithPreAndPostWithThen() {
        List<Response> responses = new ArrayList<>();
        double[] pre = new double[9];
        double[] then = new double[9];
        double[] post = new double[9];
        for (int i = 0; i < 9; i++) {
            int before = 2 + i % 3;
            int hindsight = Math.max(1, before - i % 2);
            int after = Math.min(5, before + 1 - i % 4 / 3);
            responses.add(pre("l" + i, CLINICIAN, all(before)));
            responses.add(post("l" + i, CLINICIAN, all(after), all(hindsight)));
            pre[i] = before;
            then[i] = hindsight;
            post[i] = after;
        }
        responses.add(pre("late", CLINICIAN, all(3)));
        responses.add(post("late", CLINICIAN, all(4)));

        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        Cell cell = report.cell(understanding, Cohort.ALL);
        assertThat(cell.change().get().n()).isEqualTo(10);
        assertThat(cell.thenTest().get()).isEqualTo(ThenTest.of(pre, then, post));
        assertThat(cell.thenTest().get().n()).isEqualTo(9);
        assertThat(cell.readings(ReadingTest.LIKERT)).extracting(Reading::topic)
                .contains("Understanding, all learners: retrospective then versus pre",
                        "Understanding, all learners: post versus retrospective then");
    }

    @Test
    void thenTestIsUndefinedWhenTheInstrumentDoesNotAskForIt() {
        Instrument noThenTest = Fixtures.instrument(false);
        EvaluationReport report = EvaluationReport.of(noThenTest, Fixtures.answering(noThenTest, cohort("m", MANAGER, 9, 0)),
                Suppression.standard());

        assertThat(report.cell(trust, Cohort.ALL).thenTest().reason()).hasValue("This instrument asks for no retrospective then-ratings.");
    }

    @Test
    void crossTabulatesTheOutlookItem() {
        EvaluationReport report = EvaluationReport.of(instrument, cohort("m", MANAGER, 9, 0), Suppression.standard());

        OutlookTable table = report.outlook(Cohort.ALL).get();
        assertThat(table.n()).isEqualTo(9);
        // learners 0, 3, 6 keep their option (0, 0, 0); the others move to "better" (0) from 1 or 2
        assertThat(table.count(0, 0)).isEqualTo(3);
        assertThat(table.count(1, 0)).isEqualTo(3);
        assertThat(table.count(2, 0)).isEqualTo(3);
        assertThat(report.outlook(Cohort.CLINICIANS).get().n()).isZero();
        assertThat(report.outlookReading(Cohort.ALL).text()).startsWith("9 learners answered the outlook item");
    }

    @Test
    void outlookIsUndefinedWithoutAnOutlookItem() {
        Instrument noOutlook = new Instrument("x", 1, "X", "", instrument.scale(), instrument.subscales(), null, false, null);

        EvaluationReport report = EvaluationReport.of(noOutlook, cohort("m", MANAGER, 9, 0), Suppression.standard());

        assertThat(report.outlook(Cohort.ALL).reason()).hasValue("This instrument has no outlook item.");
    }

    @Test
    void countsResponsesToOtherVersionsWithoutAnalysingThem() {
        List<Response> responses = new ArrayList<>(cohort("m", MANAGER, 9, 0));
        responses.add(version(pre("old", MANAGER, all(1)), 2));
        responses.add(version(post("old", MANAGER, all(5)), 2));

        EvaluationReport report = EvaluationReport.of(instrument, responses, Suppression.standard());

        assertThat(report.otherVersionResponses()).isEqualTo(2);
        assertThat(report.matching().matched()).isEqualTo(9);
        assertThat(report.matching().responses()).isEqualTo(18);
    }

    @Test
    void readingsNeverUseCausalLanguage() {
        EvaluationReport report = EvaluationReport.of(instrument, join(cohort("m", MANAGER, 10, 0), cohort("c", CLINICIAN, 9, 1),
                cohort("o", OTHER, 3, 2)), Suppression.standard());

        assertThat(report.readings()).isNotEmpty().allSatisfy(reading -> assertThat(reading.text().toLowerCase(Locale.ROOT))
                .doesNotContain("caus", "because", "effect", "impact", "improv", "led to", "due to"));
    }

    @Test
    void handlesTenThousandMatchedLearnersOnTwentyItems() {
        // A scale check, not a timing test: the report's work is linear in the learners.
        List<Subscale> subscales = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                items.add(new Item("s" + s + "i" + i, "Item", i == 4));
            }
            subscales.add(new Subscale("s" + s, "Subscale " + s, items));
        }
        Instrument large = new Instrument("large", 3, "Large", "", new Scale(1, 5, List.of("1", "2", "3", "4", "5")), subscales,
                new OutlookItem("o", "Outlook", List.of("better", "same", "worse")), true, null);
        InstrumentIdentity identity = PackJson.identity(large);
        Random random = new Random(42);
        ProfessionalGroup[] groups = ProfessionalGroup.values();
        List<Response> responses = new ArrayList<>(20_000);
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        for (int l = 0; l < 10_000; l++) {
            Map<String, Integer> before = new HashMap<>();
            Map<String, Integer> after = new HashMap<>();
            Map<String, Integer> then = new HashMap<>();
            int level = 1 + random.nextInt(4);
            for (Subscale subscale : subscales) {
                for (Item item : subscale.items()) {
                    int answer = Math.max(1, Math.min(5, level + random.nextInt(3) - 1));
                    before.put(item.id(), answer);
                    then.put(item.id(), Math.max(1, answer - random.nextInt(2)));
                    after.put(item.id(), Math.min(5, answer + random.nextInt(2)));
                }
            }
            ProfessionalGroup group = groups[l % 3];
            responses.add(new Response("k" + l, group, true, Phase.PRE, identity, before, Map.of(), OptionalInt.of(random.nextInt(3)), now));
            responses.add(new Response("k" + l, group, true, Phase.POST, identity, after, then, OptionalInt.of(random.nextInt(3)),
                    now.plusSeconds(3600)));
        }

        EvaluationReport report = EvaluationReport.of(large, responses, Suppression.standard());

        assertThat(report.matching().matched()).isEqualTo(10_000);
        assertThat(report.cells()).hasSize(5 * 4).noneMatch(Cell::suppressed);
        assertThat(report.cell(Measure.TOTAL, Cohort.ALL).change().get().signedRank().get().exact()).isFalse();
        assertThat(report.cell(Measure.TOTAL, Cohort.ALL).thenTest().get().n()).isEqualTo(10_000);
        assertThat(report.groupDifference(Measure.TOTAL).get().welch().defined()).isTrue();
    }
}
