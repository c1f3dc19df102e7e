package org.tandem.catalogue.entity;

/** Whose chair the learner sits in during a role-swap scenario. */
public enum Seat {
    CLINICIAN, MANAGER
}
