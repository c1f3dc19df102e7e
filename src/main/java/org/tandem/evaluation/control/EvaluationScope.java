package org.tandem.evaluation.control;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose responses an evaluation reads: always one tenant (platform + deployment), and either one
 * course of it or, for the programme view, every course of the deployment.
 *
 * @param contextId the course; empty for the programme view
 */
public record EvaluationScope(long platformId, String deploymentId, Optional<String> contextId) {

    public EvaluationScope {
        Objects.requireNonNull(deploymentId, "deploymentId");
        contextId = contextId == null ? Optional.empty() : contextId.filter(id -> !id.isEmpty());
    }

    public static EvaluationScope course(long platformId, String deploymentId, String contextId) {
        return new EvaluationScope(platformId, deploymentId, Optional.of(Objects.requireNonNull(contextId, "contextId")));
    }

    public static EvaluationScope programme(long platformId, String deploymentId) {
        return new EvaluationScope(platformId, deploymentId, Optional.empty());
    }

    public boolean programme() {
        return contextId.isEmpty();
    }

    /** "course" or "programme", as the scope appears in links and file names. */
    public String kind() {
        return programme() ? "programme" : "course";
    }
}
