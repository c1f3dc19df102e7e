package org.tandem.learning.entity;

/**
 * Who is learning, as far as the learning component needs to know: the tenant (platform and
 * deployment), the course context, and the platform's stable id for the person.
 */
public record Learner(long platformId, String deploymentId, String contextId, String subject) {

    public Learner {
        contextId = contextId == null ? "" : contextId;
    }

    public Course course() {
        return new Course(platformId, deploymentId, contextId);
    }
}
