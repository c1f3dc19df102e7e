package org.tandem.gradebook.entity;

import java.util.Objects;

/** The tenant every gradebook query is scoped by: platform, deployment and the platform's context id. */
public record Course(long platformId, String deploymentId, String contextId) {

    public Course {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(contextId, "contextId");
    }
}
