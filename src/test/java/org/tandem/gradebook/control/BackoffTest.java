package org.tandem.gradebook.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Backoff NO_JITTER = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.5);

    @Test
    void doublesTheDelayPerFailedTry() {
        assertThat(NO_JITTER.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(NO_JITTER.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(NO_JITTER.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(NO_JITTER.after(7)).isEqualTo(Duration.ofSeconds(1920));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(NO_JITTER.after(8)).isEqualTo(Duration.ofHours(1));
        assertThat(NO_JITTER.after(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void spreadsRetriesByTwentyPercentEitherWay() {
        assertThat(new Backoff(Duration.ofSeconds(100), Duration.ofHours(1), () -> 0.0).after(1)).isEqualTo(Duration.ofSeconds(80));
        assertThat(new Backoff(Duration.ofSeconds(100), Duration.ofHours(1), () -> 1.0).after(1)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void refusesACapBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
