package org.tandem.lti.registration.entity;

/** How a platform came to be registered (shown to administrators). */
public enum RegistrationSource {
    ADMIN, DYNAMIC, FILE, DEMO
}
