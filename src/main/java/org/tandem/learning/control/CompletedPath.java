package org.tandem.learning.control;

import java.util.List;
import java.util.Objects;

/** Another learner's finished play of a scenario, as the debrief counts it: no learner, only choices. */
public record CompletedPath(List<Step> path, String endingId) {

    public CompletedPath {
        path = List.copyOf(path);
        Objects.requireNonNull(endingId, "endingId");
    }
}
