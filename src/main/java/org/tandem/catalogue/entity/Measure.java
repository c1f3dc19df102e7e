package org.tandem.catalogue.entity;

/** A visible measure a scenario's choices move, e.g. patient safety or budget, kept within [min, max]. */
public record Measure(String id, String label, int initial, int min, int max) {
}
