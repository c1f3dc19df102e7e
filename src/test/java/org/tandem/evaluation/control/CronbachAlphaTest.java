package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tandem.evaluation.control.Fixtures.answers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.learning.control.InstrumentScoring;

class CronbachAlphaTest {

    @Test
    void matchesStatologysSurveyExample() {
        // Statology, "How to Calculate Cronbach's Alpha in R" (https://www.statology.org/cronbachs-alpha-in-r/):
        // ten respondents, three items, ltm::cronbach.alpha(data) gives alpha: 0.773.
        int[] q1 = {1, 2, 2, 3, 2, 2, 3, 3, 2, 3};
        int[] q2 = {1, 1, 1, 2, 3, 3, 2, 3, 3, 3};
        int[] q3 = {1, 1, 2, 1, 2, 3, 3, 3, 2, 3};
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < q1.length; i++) {
            rows.add(new double[] {q1[i], q2[i], q3[i]});
        }

        CronbachAlpha alpha = CronbachAlpha.of(3, rows);

        assertThat(alpha.alpha().get()).isCloseTo(0.773, within(5e-4));
        assertThat(alpha.respondents()).isEqualTo(10);
        assertThat(alpha.items()).isEqualTo(3);
    }

    @Test
    void matchesPerformancePackagesMtcarsExample() {
        // easystats/performance, tests/testthat/test-cronbachs_alpha.R:
        // cronbachs_alpha(mtcars[, c("cyl", "gear", "carb", "hp")]) = 0.09463206. mtcars is
        // Henderson & Velleman (1981), R's datasets::mtcars; columns cyl, gear, carb, hp.
        double[][] mtcars = {
            {6, 4, 4, 110}, {6, 4, 4, 110}, {4, 4, 1, 93}, {6, 3, 1, 110}, {8, 3, 2, 175}, {6, 3, 1, 105},
            {8, 3, 4, 245}, {4, 4, 2, 62}, {4, 4, 2, 95}, {6, 4, 4, 123}, {6, 4, 4, 123}, {8, 3, 3, 180},
            {8, 3, 3, 180}, {8, 3, 3, 180}, {8, 3, 4, 205}, {8, 3, 4, 215}, {8, 3, 4, 230}, {4, 4, 1, 66},
            {4, 4, 2, 52}, {4, 4, 1, 65}, {4, 3, 1, 97}, {8, 3, 2, 150}, {8, 3, 2, 150}, {8, 3, 4, 245},
            {8, 3, 2, 175}, {4, 4, 1, 66}, {4, 5, 2, 91}, {4, 5, 2, 113}, {8, 5, 4, 264}, {6, 5, 6, 175},
            {8, 5, 8, 335}, {4, 4, 2, 109}};

        CronbachAlpha alpha = CronbachAlpha.of(4, List.of(mtcars));

        assertThat(alpha.alpha().get()).isCloseTo(0.09463206, within(5e-8));
    }

    @Test
    void scoresReverseItemsAsTheInstrumentDoes() {
        // t3 is reverse-scored on 1–5: answering 1 counts as 5. With t3 turned round, the four
        // trust items agree perfectly (every learner's items equal), so alpha is exactly 1.
        Instrument instrument = Fixtures.instrument();
        List<Map<String, Integer>> responses = List.of(
                answers("t1", 5, "t2", 5, "t3", 1, "t4", 5),
                answers("t1", 3, "t2", 3, "t3", 3, "t4", 3),
                answers("t1", 2, "t2", 2, "t3", 4, "t4", 2));

        CronbachAlpha alpha = CronbachAlpha.of(instrument.subscales().get(0).items(), new InstrumentScoring(instrument), responses);

        assertThat(alpha.alpha().get()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void leavesOutRespondentsWithAMissingItemAndCountsThem() {
        List<double[]> rows = List.of(new double[] {1, 2}, new double[] {2, 3}, new double[] {3, Double.NaN},
                new double[] {4, 4});

        CronbachAlpha alpha = CronbachAlpha.of(2, rows);

        assertThat(alpha.respondents()).isEqualTo(3);
        assertThat(alpha.incomplete()).isEqualTo(1);
        assertThat(alpha.alpha()).isEqualTo(CronbachAlpha.of(2, List.of(rows.get(0), rows.get(1), rows.get(3))).alpha());
    }

    @Test
    void isUndefinedForOneItem() {
        CronbachAlpha alpha = CronbachAlpha.of(1, List.of(new double[] {1}, new double[] {2}));

        assertThat(alpha.alpha().reason()).hasValue("Alpha needs at least two items; there is one.");
    }

    @Test
    void isUndefinedForFewerThanTwoCompleteRespondents() {
        assertThat(CronbachAlpha.of(2, List.of(new double[] {1, 2})).alpha().reason())
                .hasValue("Alpha needs at least two learners who answered every item; there is one.");
        assertThat(CronbachAlpha.of(2, List.of()).alpha().reason())
                .hasValue("Alpha needs at least two learners who answered every item; there are none.");
    }

    @Test
    void isUndefinedWhenTotalsDoNotVary() {
        CronbachAlpha identical = CronbachAlpha.of(3, List.of(new double[] {4, 4, 4}, new double[] {4, 4, 4}));
        CronbachAlpha balanced = CronbachAlpha.of(2, List.of(new double[] {1, 3}, new double[] {3, 1}));

        assertThat(identical.alpha().reason()).hasValue("Every learner has the same total on these items, so alpha is undefined.");
        assertThat(balanced.alpha().defined()).isFalse();
    }
}
