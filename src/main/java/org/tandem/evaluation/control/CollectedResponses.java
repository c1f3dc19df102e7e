package org.tandem.evaluation.control;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.entity.Response;

/**
 * The completed responses to one instrument in an evaluation scope, pseudonymised, with the
 * instrument as each version of it was answered.
 *
 * @param responses  every readable response, of every version
 * @param versions   instrument version → the instrument of that version, lowest first
 * @param unreadable completed attempts that could not be read (their content pack is gone or the
 *                   stored answers no longer fit the instrument): counted, not silently dropped
 */
public record CollectedResponses(List<Response> responses, SortedMap<Integer, Instrument> versions, int unreadable) {

    public CollectedResponses {
        responses = List.copyOf(responses);
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    /** The newest version anyone answered. */
    public Optional<Instrument> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.lastKey()));
    }

    public Optional<Instrument> version(int version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** Responses per instrument version. */
    public Map<Integer, Long> countsByVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Response response : responses) {
            counts.merge(response.instrumentVersion(), 1L, Long::sum);
        }
        return counts;
    }
}
