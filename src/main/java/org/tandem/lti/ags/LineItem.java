package org.tandem.lti.ags;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.Objects;

/**
 * A gradebook column (AGS 2.0 §3.2 "Line item service"). id is the platform's URL for it, absent
 * until the platform created it. resourceId and tag are Tandem's: they find the column again.
 */
public record LineItem(URI id, String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {

    public static final String MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    public static final String CONTAINER_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

    public LineItem {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a line item needs a label");
        }
        if (!(scoreMaximum > 0)) {
            throw new IllegalArgumentException("scoreMaximum must be positive");
        }
    }

    /** A line item still to be created on the platform. */
    public static LineItem toCreate(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {
        return new LineItem(null, label, scoreMaximum, resourceId, tag, resourceLinkId);
    }

    boolean matches(String resourceId, String tag) {
        return (resourceId == null || resourceId.equals(this.resourceId)) && (tag == null || tag.equals(this.tag));
    }

    JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("scoreMaximum", scoreMaximum).add("label", label);
        if (resourceId != null) {
            json.add("resourceId", resourceId);
        }
        if (tag != null) {
            json.add("tag", tag);
        }
        if (resourceLinkId != null) {
            json.add("resourceLinkId", resourceLinkId);
        }
        return json.build();
    }

    static LineItem fromJson(JsonObject json) {
        String id = json.getString("id", null);
        JsonValue max = json.get("scoreMaximum");
        return new LineItem(id == null ? null : URI.create(id),
                json.getString("label", "(no label)"),
                max instanceof JsonNumber n ? n.doubleValue() : 1.0,
                json.getString("resourceId", null),
                json.getString("tag", null),
                json.getString("resourceLinkId", null));
    }

    public URI requireId() {
        return Objects.requireNonNull(id, "line item not created on the platform yet");
    }
}
