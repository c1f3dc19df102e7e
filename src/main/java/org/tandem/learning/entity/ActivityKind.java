package org.tandem.learning.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three kinds of activity a trainer places in a course. */
public enum ActivityKind {
    MODULE, SCENARIO, ASSESSMENT;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActivityKind> fromSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug().equalsIgnoreCase(slug == null ? "" : slug.trim())).findFirst();
    }
}
