package org.tandem.evaluation.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.evaluation.entity.Response;

/**
 * The completed responses to one instrument id in an evaluation scope, pseudonymised, each
 * carrying the identity (version and content) of the instrument it answered.
 *
 * @param responses   every readable response, of every version and content
 * @param instruments identity → the instrument of that identity, as answered
 * @param unreadable  completed attempts that could not be read (their content pack is gone or the
 *                    stored answers no longer fit the instrument): counted, not silently dropped
 */
public record CollectedResponses(List<Response> responses, Map<InstrumentIdentity, Instrument> instruments, int unreadable) {

    public CollectedResponses {
        responses = List.copyOf(responses);
        instruments = Map.copyOf(instruments);
    }

    public Optional<Instrument> instrument(InstrumentIdentity identity) {
        return Optional.ofNullable(instruments.get(identity));
    }

    /** Responses per instrument identity, in the order first met. */
    public Map<InstrumentIdentity, Long> counts() {
        Map<InstrumentIdentity, Long> counts = new LinkedHashMap<>();
        for (Response response : responses) {
            counts.merge(response.instrument(), 1L, Long::sum);
        }
        return counts;
    }
}
