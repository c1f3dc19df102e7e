package org.tandem.catalogue.entity;

/** Where a stored pack version came from: shipped with Tandem, or uploaded by an administrator. */
public enum PackSource {
    STARTER, UPLOAD
}
