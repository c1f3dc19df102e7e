package org.tandem.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.demo.control.DemoRespondent;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.Measure;
import org.tandem.evaluation.control.OutlookTable;
import org.tandem.evaluation.control.PairedComparison;
import org.tandem.evaluation.control.Suppression;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The demo cohort's simulated learners (which the benchmarks analyse and the demo evaluator reads)
 * give the evaluation what the generator promises: items that hang together, clinicians'
 * understanding growing more than managers', trust a little, then-ratings below pre, the outlook
 * moving towards "better", and about the promised shares of consent and attrition.
 */
class DemoRespondentTest {

    static Instrument instrument;
    static List<DemoRespondent> respondents = new ArrayList<>();
    static EvaluationReport report;

    @BeforeAll
    static void drawTwoThousandLearners() {
        instrument = new PackReader().readClasspath("content/starter").instrument("relationship").orElseThrow();
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ProfessionalGroup group = i % 2 == 0 ? ProfessionalGroup.MANAGER : ProfessionalGroup.CLINICIAN;
            DemoRespondent respondent = DemoRespondent.draw(instrument, group, DemoRespondent.randomFor(i));
            respondents.add(respondent);
            for (Phase phase : Phase.values()) {
                if (respondent.submitted(phase)) {
                    AssessmentResponse form = respondent.response(phase);
                    responses.add(new Response("l" + i, group, respondent.consented(), phase, PackJson.identity(instrument),
                            form.answers(), form.thenAnswers(), form.outlook(), phase == Phase.PRE ? start : start.plusSeconds(1)));
                }
            }
        }
        report = EvaluationReport.of(instrument, responses, Suppression.standard());
    }

    @Test
    void everySubmittedFormIsCompleteUnderTheLearnerPagesRules() {
        assertThat(respondents).allSatisfy(r -> {
            assertThat(r.response(Phase.PRE).complete()).isTrue();
            assertThat(r.response(Phase.POST).complete()).isTrue();
            assertThat(r.response(Phase.POST).thenAnswers()).hasSize(instrument.items().size());
            assertThat(r.response(Phase.PRE).thenAnswers()).isEmpty();
        });
    }

    @Test
    void aboutNinetyPercentConsentAndFivePercentAnswerOnlyOnce() {
        double consent = respondents.stream().filter(DemoRespondent::consented).count() / 2000.0;
        double preOnly = respondents.stream().filter(r -> r.participation() == DemoRespondent.Participation.PRE_ONLY).count() / 2000.0;
        double postOnly = respondents.stream().filter(r -> r.participation() == DemoRespondent.Participation.POST_ONLY).count() / 2000.0;

        assertThat(consent).isBetween(0.87, 0.93);
        assertThat(preOnly).isBetween(0.03, 0.07);
        assertThat(postOnly).isBetween(0.03, 0.07);
        assertThat(report.matching().excludedNoConsent()).isPositive();
        assertThat(report.matching().preOnly()).isPositive();
        assertThat(report.matching().postOnly()).isPositive();
    }

    @Test
    void reverseItemsAreAnsweredTheOtherWayRound() {
        // agreement with the subscale shows as a low raw answer on a reverse item: raw answers to
        // reverse and to plain items of one subscale correlate negatively
        Item plain = instrument.item("understanding-1").orElseThrow();
        Item reverse = instrument.item("understanding-3").orElseThrow();
        assertThat(reverse.reverse()).isTrue();
        double[] x = respondents.stream().mapToDouble(r -> r.response(Phase.PRE).answers().get(plain.id())).toArray();
        double[] y = respondents.stream().mapToDouble(r -> r.response(Phase.PRE).answers().get(reverse.id())).toArray();

        assertThat(correlation(x, y)).isLessThan(-0.2);
    }

    @Test
    void itemsHangTogetherAsAPublishedScaleWould() {
        for (Measure measure : report.measures()) {
            if (!measure.total()) {
                assertThat(report.cell(measure, Cohort.ALL).alphaPre().get().alpha().get()).as(measure.id()).isBetween(0.6, 0.95);
            }
        }
    }

    @Test
    void cliniciansUnderstandingGrowsMoreThanManagersAndTrustALittle() {
        Measure understanding = measure("understanding");
        Measure trust = measure("trust");
        double managers = change(understanding, Cohort.MANAGERS).meanChange().get();
        double clinicians = change(understanding, Cohort.CLINICIANS).meanChange().get();
        double trustChange = change(trust, Cohort.ALL).meanChange().get();

        assertThat(clinicians).isGreaterThan(managers + 0.1);
        assertThat(managers).isPositive();
        assertThat(trustChange).isBetween(0.0, managers);
        assertThat(report.groupDifference(understanding).get().interval().get().includes(0)).isFalse();
    }

    @Test
    void thenRatingsSitBelowPreAsResponseShiftPredicts() {
        PairedComparison thenVersusPre = report.cell(Measure.TOTAL, Cohort.ALL).thenTest().get().thenVersusPre();

        assertThat(thenVersusPre.meanChange().get()).isNegative();
    }

    @Test
    void outlookMovesTowardsBetter() {
        OutlookTable table = report.outlook(Cohort.ALL).get();
        int better = 0;
        int worse = 0;
        for (int pre = 0; pre < table.options().size(); pre++) {
            for (int post = 0; post < table.options().size(); post++) {
                // option 0 is the most hopeful
                better += post < pre ? table.count(pre, post) : 0;
                worse += post > pre ? table.count(pre, post) : 0;
            }
        }
        assertThat(better).isGreaterThan(2 * worse);
    }

    private static PairedComparison change(Measure measure, Cohort cohort) {
        return report.cell(measure, cohort).change().get();
    }

    private static Measure measure(String id) {
        return report.measures().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
