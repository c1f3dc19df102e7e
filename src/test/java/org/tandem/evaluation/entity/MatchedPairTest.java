package org.tandem.evaluation.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

class MatchedPairTest {

    private static InstrumentIdentity identity(int version) {
        return new InstrumentIdentity("relationship", version, "ab".repeat(32));
    }

    private static Response response(String key, Phase phase, int version) {
        return new Response(key, ProfessionalGroup.MANAGER, true, phase, identity(version), Map.of("t1", 3), null, null,
                Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Test
    void pairsOneLearnersPreAndPostOfOneVersion() {
        MatchedPair pair = new MatchedPair(response("a", Phase.PRE, 1), response("a", Phase.POST, 1));

        assertThat(pair.learnerKey()).isEqualTo("a");
        assertThat(pair.instrumentVersion()).isEqualTo(1);
    }

    @Test
    void refusesMismatchedResponses() {
        assertThatThrownBy(() -> new MatchedPair(response("a", Phase.PRE, 1), response("b", Phase.POST, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatchedPair(response("a", Phase.PRE, 1), response("a", Phase.POST, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatchedPair(response("a", Phase.POST, 1), response("a", Phase.PRE, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseKeepsItsOwnCopyOfTheAnswers() {
        Map<String, Integer> answers = new HashMap<>(Map.of("t1", 3));
        Response response = new Response("a", ProfessionalGroup.CLINICIAN, true, Phase.PRE, identity(1), answers, null, null,
                Instant.EPOCH);
        answers.put("t2", 4);

        assertThat(response.answers()).containsOnlyKeys("t1");
        assertThat(response.thenAnswers()).isEmpty();
        assertThat(response.outlook()).isEqualTo(OptionalInt.empty());
    }
}
