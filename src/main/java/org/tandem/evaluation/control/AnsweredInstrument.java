package org.tandem.evaluation.control;

import java.util.Objects;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;

/**
 * An instrument somebody in an evaluation scope answered: its identity, its content and how many
 * completed responses it has there (consented or not: this only finds the data).
 *
 * @param packId      a pack that carries it (the first met), to tell apart contents that share an
 *                    id and version from before Tandem refused that
 * @param packVersion that pack's version
 */
public record AnsweredInstrument(InstrumentIdentity identity, Instrument instrument, long responses, String packId,
                                 int packVersion) {

    public AnsweredInstrument {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(packId, "packId");
    }

    AnsweredInstrument plus(long more) {
        return new AnsweredInstrument(identity, instrument, responses + more, packId, packVersion);
    }
}
