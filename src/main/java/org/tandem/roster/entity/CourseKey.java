package org.tandem.roster.entity;

import java.util.Objects;

/** A course as every query scopes it: platform, deployment and the platform's context id. */
public record CourseKey(long platformId, String deploymentId, String contextId) {

    public CourseKey {
        Objects.requireNonNull(deploymentId, "deploymentId");
        contextId = contextId == null ? "" : contextId;
    }
}
