package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.learning.control.TestContent.relationship;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;

class InstrumentScoringTest {

    private final Instrument instrument = relationship();
    private final InstrumentScoring scoring = new InstrumentScoring(instrument);

    @Test
    void reverseScoredItemsCountInverted() {
        assertThat(scoring.itemScore(instrument.item("u2").orElseThrow(), 5)).isEqualTo(1);
        assertThat(scoring.itemScore(instrument.item("u2").orElseThrow(), 2)).isEqualTo(4);
        assertThat(scoring.itemScore(instrument.item("u1").orElseThrow(), 2)).isEqualTo(2);
        assertThat(scoring.subscaleScores(Map.of("u1", 4, "u2", 2, "u3", 4, "u4", 4)).get(0).mean()).hasValue(4.0);
    }

    @Test
    void subscaleScoreIsTheMeanOfItsItemsWithCounts() {
        assertThat(scoring.subscaleScores(Map.of("u1", 5, "u2", 1, "u3", 3, "u4", 4, "t1", 2, "t2", 5)))
                .containsExactly(new SubscaleScore("understanding", OptionalDouble.of(4.25), 4, 0),
                        new SubscaleScore("trust", OptionalDouble.of(1.5), 2, 0));
    }

    @Test
    void subscaleWithMostItemsMissingHasNoScore() {
        SubscaleScore understanding = scoring.subscaleScores(Map.of("u1", 4)).get(0);

        assertThat(understanding).isEqualTo(new SubscaleScore("understanding", OptionalDouble.empty(), 1, 3));
    }

    @Test
    void subscaleWithHalfItsItemsMissingStillScores() {
        assertThat(scoring.subscaleScores(Map.of("u1", 4, "u3", 2)).get(0).mean()).hasValue(3.0);
        assertThat(scoring.subscaleScores(Map.of("t1", 4)).get(1).mean()).hasValue(4.0);
        assertThat(scoring.subscaleScores(Map.of()).get(1)).isEqualTo(new SubscaleScore("trust", OptionalDouble.empty(), 0, 2));
    }

    @Test
    void totalIsTheMeanOfTheSubscalesThatHaveAScore() {
        assertThat(scoring.total(Map.of("u1", 5, "u2", 1, "u3", 3, "u4", 4, "t1", 2, "t2", 5))).hasValue((4.25 + 1.5) / 2);
        assertThat(scoring.total(Map.of("u1", 5, "t1", 2, "t2", 5))).as("understanding has no score").hasValue(1.5);
    }

    @Test
    void totalIsEmptyWhenNoSubscaleHasAScore() {
        assertThat(scoring.total(Map.of("u1", 5))).isEmpty();
    }
}
