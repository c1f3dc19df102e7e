package org.tandem.lti.registration.entity;

/** What a launch from a deployment id not seen before does. */
public enum DeploymentPolicy {
    /** Only deployments an administrator registered may launch. */
    STRICT,
    /**
     * A new deployment of a registered client is admitted and recorded. Canvas creates a
     * deployment each time a developer key is installed in a sub-account or course.
     */
    ADMIT_NEW
}
