package org.tandem.catalogue.entity;

/** A Likert item; a reverse-scored item counts (min + max − answer). */
public record Item(String id, String text, boolean reverse) {
}
