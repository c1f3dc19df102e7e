package org.tandem.lti.registration.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.lti.testing.MutableClock;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void fiveFreeFailuresThenADoublingLockOut() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.failed("203.0.113.7")).isZero();
            assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
        }
        assertThat(throttle.failed("203.0.113.7")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("203.0.113.7")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
        assertThat(throttle.failed("203.0.113.7")).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.failed("203.0.113.7")).isEqualTo(Duration.ofSeconds(4));

        assertThat(throttle.lockedFor("198.51.100.9")).as("other addresses are not affected").isEmpty();
    }

    @Test
    void theLockOutStopsGrowingAtFifteenMinutes() {
        Duration lock = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            clock.advance(lock);
            lock = throttle.failed("203.0.113.7");
        }
        assertThat(lock).isEqualTo(SignInThrottle.LONGEST_LOCK);
    }

    @Test
    void aSuccessStartsTheAddressAfresh() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("203.0.113.7");
        }
        throttle.succeeded("203.0.113.7");
        assertThat(throttle.failed("203.0.113.7")).isZero();
    }

    @Test
    void manyAddressesGuessingAtOnceLockEveryoneOutForAMinute() {
        for (int i = 0; i <= SignInThrottle.GLOBAL_FAILURES_PER_MINUTE; i++) {
            throttle.failed("10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.lockedFor("192.0.2.1")).as("even an address that never failed").contains(SignInThrottle.GLOBAL_LOCK);
        clock.advance(SignInThrottle.GLOBAL_LOCK);
        assertThat(throttle.lockedFor("192.0.2.1")).isEmpty();
    }

    @Test
    void failuresSpreadOverTimeDoNotLockEveryoneOut() {
        for (int i = 0; i < 3 * SignInThrottle.GLOBAL_FAILURES_PER_MINUTE; i++) {
            throttle.failed("10.1." + (i / 250) + "." + (i % 250));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(throttle.lockedFor("192.0.2.1")).isEmpty();
    }
}
