package org.tandem.demo.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A course link a trainer placed with deep linking (an ltiResourceLink content item). Its
 * resource link id is {@value #ID_PREFIX} and the row id, so it never collides with the fixed links.
 */
@Entity
@Table(name = "demo_course_link")
public class DemoPlacedLink {

    public static final String ID_PREFIX = "placed-";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "demo_course_link_id")
    @SequenceGenerator(name = "demo_course_link_id", sequenceName = "demo_course_link_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String title;

    @Column(name = "link_text")
    private String text;

    private String url;

    @Column(name = "custom_json", nullable = false)
    private String customJson;

    @Column(name = "line_item_id")
    private Long lineItemId;

    @Column(name = "placed_by", nullable = false)
    private String placedBy;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    protected DemoPlacedLink() {
    }

    public DemoPlacedLink(String title, Optional<String> text, Optional<String> url, Map<String, String> custom,
                          String placedBy, Instant placedAt) {
        this.title = title;
        this.text = text.orElse(null);
        this.url = url.orElse(null);
        JsonObjectBuilder json = Json.createObjectBuilder();
        custom.forEach(json::add);
        this.customJson = json.build().toString();
        this.placedBy = placedBy;
        this.placedAt = placedAt;
    }

    /** The resource link id of an id the course page shows, if it names a placed link. */
    public static Optional<Long> rowId(String resourceLinkId) {
        if (resourceLinkId == null || !resourceLinkId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(resourceLinkId.substring(ID_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String resourceLinkId() {
        return ID_PREFIX + id;
    }

    public void gradedIn(DemoLineItem lineItem) {
        this.lineItemId = lineItem.id();
    }

    public DemoLink link() {
        Map<String, String> custom = custom();
        String activity = custom.getOrDefault("tandem_activity", "");
        String kind = activity.contains(":") ? activity.substring(0, activity.indexOf(':')) : "activity";
        return new DemoLink(resourceLinkId(), title, kind, custom, Optional.ofNullable(text), Optional.ofNullable(url),
                Optional.ofNullable(lineItemId));
    }

    public Map<String, String> custom() {
        Map<String, String> custom = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(customJson))) {
            JsonObject object = reader.readObject();
            object.forEach((k, v) -> custom.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        return custom;
    }

    public String title() {
        return title;
    }

    public Optional<Long> lineItemId() {
        return Optional.ofNullable(lineItemId);
    }
}
