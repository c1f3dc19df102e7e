package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThenTestTest {

    @Test
    void comparesThenWithPreAndPostWithThenOverTheSameLearners() {
        double[] pre = {3, 3.5, 4, 2.5};
        double[] then = {2.5, 3, 3, 2.5};
        double[] post = {4, 4, 4.5, 3};

        ThenTest test = ThenTest.of(pre, then, post);

        assertThat(test.n()).isEqualTo(4);
        assertThat(test.thenVersusPre()).isEqualTo(PairedComparison.of(pre, then));
        assertThat(test.postVersusThen()).isEqualTo(PairedComparison.of(then, post));
        assertThat(test.thenVersusPre().meanChange().get()).isEqualTo(-0.5);
        assertThat(test.thenVersusPreReading("x", ReadingTest.LIKERT).text())
                .startsWith("On average the retrospective then scores were lower than the pre scores: a mean difference of \u22120.50 points");
        assertThat(test.postVersusThenReading("x", ReadingTest.LIKERT).text())
                .startsWith("On average the post scores were higher than the retrospective then scores");
    }

    @Test
    void refusesSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> ThenTest.of(new double[] {1}, new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
