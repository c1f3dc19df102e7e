package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A column of the demo gradebook (AGS 2.0 §3.2 line item): created from a deep-linking
 * response's lineItem or by the tool through the line items service. resourceId and tag belong
 * to the tool; resourceLinkId ties the column to a link of the demo course.
 */
@Entity
@Table(name = "demo_line_item")
public class DemoLineItem {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "demo_line_item_id")
    @SequenceGenerator(name = "demo_line_item_id", sequenceName = "demo_line_item_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String label;

    @Column(name = "score_maximum", nullable = false)
    private double scoreMaximum;

    @Column(name = "resource_id")
    private String resourceId;

    private String tag;

    @Column(name = "resource_link_id")
    private String resourceLinkId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DemoLineItem() {
    }

    public DemoLineItem(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId,
                        Instant createdAt) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a line item needs a label");
        }
        if (!(scoreMaximum > 0) || Double.isInfinite(scoreMaximum)) {
            throw new IllegalArgumentException("scoreMaximum must be a number greater than 0");
        }
        this.label = label;
        this.scoreMaximum = scoreMaximum;
        this.resourceId = resourceId;
        this.tag = tag;
        this.resourceLinkId = resourceLinkId;
        this.createdAt = createdAt;
    }

    /** AGS 2.0 §3.2.4 filters: each given filter must match exactly. */
    public boolean matches(String resourceId, String tag, String resourceLinkId) {
        return (resourceId == null || resourceId.equals(this.resourceId)) && (tag == null || tag.equals(this.tag))
                && (resourceLinkId == null || resourceLinkId.equals(this.resourceLinkId));
    }

    /**
     * A score scaled to this column, as the result service reports it (resultScore out of
     * the line item's scoreMaximum).
     */
    public double scaled(double given, double postedMaximum) {
        return given * scoreMaximum / postedMaximum;
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public double scoreMaximum() {
        return scoreMaximum;
    }

    public Optional<String> resourceId() {
        return Optional.ofNullable(resourceId);
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<String> resourceLinkId() {
        return Optional.ofNullable(resourceLinkId);
    }
}
