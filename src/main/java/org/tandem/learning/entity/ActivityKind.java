package org.tandem.learning.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of activity a trainer places in a course (PAIRED: a live paired scenario, org.tandem.paired). */
public enum ActivityKind {
    MODULE, SCENARIO, ASSESSMENT, PAIRED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActivityKind> fromSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug().equalsIgnoreCase(slug == null ? "" : slug.trim())).findFirst();
    }
}
