package org.tandem.demo.entity;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource link in the demo course, with the custom parameters a trainer would set on it. Links
 * placed by deep linking may carry a text, their own launch URL and a gradebook column.
 */
public record DemoLink(String id, String title, String kind, Map<String, String> custom, Optional<String> text,
                       Optional<String> url, Optional<Long> lineItemId) {

    public DemoLink {
        custom = Map.copyOf(custom);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lineItemId, "lineItemId");
    }

    /** A fixed link of the demo course: Tandem's launch URL, no column of its own (Tandem finds or creates one). */
    public DemoLink(String id, String title, String kind, Map<String, String> custom) {
        this(id, title, kind, custom, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
