package org.tandem.learning.entity;

import java.util.Locale;
import java.util.Optional;

/** When an instrument is taken: before the training or after it. */
public enum Phase {
    PRE, POST;

    /** Reads a request or launch parameter: "pre" or "post", in any case; anything else is empty. */
    public static Optional<Phase> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "pre" -> Optional.of(PRE);
            case "post" -> Optional.of(POST);
            default -> Optional.empty();
        };
    }
}
