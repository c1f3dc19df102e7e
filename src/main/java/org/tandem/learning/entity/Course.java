package org.tandem.learning.entity;

import java.util.Objects;

/** A course as learning scopes it: the tenant (platform and deployment) and the platform's context id. */
public record Course(long platformId, String deploymentId, String contextId) {

    public Course {
        Objects.requireNonNull(deploymentId, "deploymentId");
        contextId = contextId == null ? "" : contextId;
    }

    /** A learner of this course. */
    public Learner learner(String subject) {
        return new Learner(platformId, deploymentId, contextId, subject);
    }
}
