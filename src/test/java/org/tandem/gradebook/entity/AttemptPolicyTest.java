package org.tandem.gradebook.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptPolicyTest {

    /** Attempts by name; the number in the name is the result in percent. */
    private static final List<String> ATTEMPTS = List.of("a60", "b90", "c40", "d90", "e70");

    private static double result(String attempt) {
        return Integer.parseInt(attempt.substring(1)) / 100.0;
    }

    @Test
    void highestTakesTheBestResultAndOfEqualOnesTheEarliest() {
        assertThat(AttemptPolicy.HIGHEST.choose(ATTEMPTS, AttemptPolicyTest::result)).contains("b90");
    }

    @Test
    void latestAndFirstGoByOrderWhateverTheResult() {
        assertThat(AttemptPolicy.LATEST.choose(ATTEMPTS, AttemptPolicyTest::result)).contains("e70");
        assertThat(AttemptPolicy.FIRST.choose(ATTEMPTS, AttemptPolicyTest::result)).contains("a60");
    }

    @Test
    void noAttemptGradesNothing() {
        for (AttemptPolicy policy : AttemptPolicy.values()) {
            assertThat(policy.choose(List.<String>of(), AttemptPolicyTest::result)).isEmpty();
        }
    }

    @Test
    void readsTheTrainersChoiceAndNothingElse() {
        assertThat(AttemptPolicy.fromParameter(" Latest ")).contains(AttemptPolicy.LATEST);
        assertThat(AttemptPolicy.fromParameter("first")).contains(AttemptPolicy.FIRST);
        assertThat(AttemptPolicy.fromParameter("best-of-three")).isEmpty();
        assertThat(AttemptPolicy.fromParameter(null)).isEmpty();
        assertThat(AttemptPolicy.HIGHEST.parameter()).isEqualTo("highest");
    }
}
