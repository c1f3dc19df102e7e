package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void aValueHasNoReason() {
        Outcome<Double> value = Outcome.of(1.5);

        assertThat(value.defined()).isTrue();
        assertThat(value.value()).hasValue(1.5);
        assertThat(value.reason()).isEmpty();
        assertThat(value.map(v -> v * 2).get()).isEqualTo(3.0);
    }

    @Test
    void anUndefinedOrSuppressedFigureKeepsItsReasonThroughMapping() {
        Outcome<Double> suppressed = Outcome.suppressed("Suppressed: too few.");

        assertThat(suppressed.suppressed()).isTrue();
        assertThat(suppressed.map(v -> v * 2)).isEqualTo(Outcome.suppressed("Suppressed: too few."));
        assertThat(Outcome.<Double>undefined("No spread.").status()).isEqualTo(Outcome.Status.UNDEFINED);
        assertThatThrownBy(suppressed::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("too few");
    }

    @Test
    void aNonFiniteNumberIsUndefined() {
        assertThat(Outcome.finite(Double.POSITIVE_INFINITY, "Divides by zero.").reason()).hasValue("Divides by zero.");
        assertThat(Outcome.finite(2.0, "unused").get()).isEqualTo(2.0);
    }
}
