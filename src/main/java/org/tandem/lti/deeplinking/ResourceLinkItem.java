package org.tandem.lti.deeplinking;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ltiResourceLink content item (Deep Linking 2.0, "LTI Resource Link"): a link the platform
 * creates that launches back into Tandem with the given custom parameters. Without a url, the
 * response fills in the tool's launch URL.
 */
public record ResourceLinkItem(String title, Optional<String> text, Optional<URI> url,
                               Map<String, String> custom, Optional<LineItem> lineItem) {

    public ResourceLinkItem {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A resource link needs a title: the platform shows it in the course");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lineItem, "lineItem");
        // Custom properties are strings only (LTI Core 1.3, custom properties claim); keep the caller's order for readable JWTs.
        Map<String, String> copy = new LinkedHashMap<>();
        (custom == null ? Map.<String, String>of() : custom).forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, "custom parameter name"),
                Objects.requireNonNull(v, () -> "custom parameter " + k)));
        custom = Collections.unmodifiableMap(copy);
    }

    /** A link at the tool's launch URL without a gradebook column. */
    public ResourceLinkItem(String title, Map<String, String> custom) {
        this(title, Optional.empty(), Optional.empty(), custom, Optional.empty());
    }

    public ResourceLinkItem withText(String text) {
        return new ResourceLinkItem(title, Optional.of(text), url, custom, lineItem);
    }

    public ResourceLinkItem withUrl(URI url) {
        return new ResourceLinkItem(title, text, Optional.of(url), custom, lineItem);
    }

    public ResourceLinkItem withLineItem(LineItem lineItem) {
        return new ResourceLinkItem(title, text, url, custom, Optional.of(lineItem));
    }

    /**
     * The gradebook column the platform creates with the link (Deep Linking 2.0 "lineItem"; the
     * fields of an AGS 2.0 line item). Scores posted later to that column are out of scoreMaximum.
     */
    public record LineItem(double scoreMaximum, String label, Optional<String> resourceId, Optional<String> tag) {

        public LineItem {
            // AGS 2.0 line item: scoreMaximum is a decimal greater than 0
            if (!(scoreMaximum > 0) || Double.isInfinite(scoreMaximum)) {
                throw new IllegalArgumentException("scoreMaximum must be a positive number, was " + scoreMaximum);
            }
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("A line item needs a label: it names the gradebook column");
            }
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(tag, "tag");
        }

        public LineItem(double scoreMaximum, String label, String resourceId, String tag) {
            this(scoreMaximum, label, Optional.ofNullable(resourceId), Optional.ofNullable(tag));
        }
    }
}
