package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;

/** Which answered instrument the evaluation opens on, from what the evaluator named (or did not). */
class AnsweredInstrumentsTest {

    private static AnsweredInstrument answered(String id, int version, String title, long responses) {
        Instrument base = Fixtures.instrument();
        Instrument instrument = new Instrument(id, version, title, base.instructions(), base.scale(), base.subscales(),
                base.outlook(), base.thenTest(), base.freeTextPrompt());
        return new AnsweredInstrument(new InstrumentIdentity(id, version, Integer.toHexString(id.hashCode() + version).repeat(8)),
                instrument, responses, "pack", 1);
    }

    private static final AnsweredInstrument STARTER_V1 = answered("relationship", 1, "Working together", 12);
    private static final AnsweredInstrument STARTER_V2 = answered("relationship", 2, "Working together", 4);
    private static final AnsweredInstrument TEAMWORK = answered("teamwork", 1, "Teamwork on the ward", 30);

    @Test
    void opensOnTheInstrumentWithTheMostResponsesNotTheStarter() {
        AnsweredInstruments all = AnsweredInstruments.of(List.of(STARTER_V1, STARTER_V2, TEAMWORK));

        assertThat(all.mostAnswered()).hasValue(TEAMWORK);
        assertThat(AnsweredInstruments.of(List.of()).mostAnswered()).isEmpty();
    }

    @Test
    void aTieGoesToTheNewerVersion() {
        AnsweredInstrument v2 = answered("relationship", 2, "Working together", 12);
        assertThat(AnsweredInstruments.of(List.of(STARTER_V1, v2)).mostAnswered()).hasValue(v2);
    }

    @Test
    void namedWithoutAVersionIsTheNewestVersionAnswered() {
        AnsweredInstruments all = AnsweredInstruments.of(List.of(STARTER_V1, STARTER_V2, TEAMWORK));

        assertThat(all.newest("relationship")).hasValue(STARTER_V2);
        assertThat(all.version("relationship", 1, Optional.empty())).hasValue(STARTER_V1);
        assertThat(all.version("relationship", 3, Optional.empty())).isEmpty();
        assertThat(all.newest("nobody-answered")).isEmpty();
        assertThat(all.find(TEAMWORK.identity())).hasValue(TEAMWORK);
        assertThat(all.shared(STARTER_V1.identity())).as("another version is not another content").isFalse();
    }

    @Test
    void listsByTitleThenNewestVersionFirst() {
        assertThat(AnsweredInstruments.of(List.of(TEAMWORK, STARTER_V1, STARTER_V2)).all())
                .containsExactly(TEAMWORK, STARTER_V2, STARTER_V1);
    }
}
