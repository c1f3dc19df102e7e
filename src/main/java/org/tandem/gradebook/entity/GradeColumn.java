package org.tandem.gradebook.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One graded course link: the resource link a trainer placed for an activity, and the platform's
 * line item (gradebook column) its scores go to. Known from the launches of the link, which carry
 * the AGS endpoint claim: its {@code lineitem} when the platform made the column (deep linking,
 * Moodle's "accept grades"), else only the context's {@code lineitems}, where Tandem finds or
 * creates the column before the first score.
 */
@Entity
@Table(name = "grade_column")
public class GradeColumn {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "grade_column_id")
    @SequenceGenerator(name = "grade_column_id", sequenceName = "grade_column_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @Column(name = "resource_link_id", nullable = false)
    private String resourceLinkId;

    @Column(nullable = false)
    private String title;

    @Column(name = "activity_key", nullable = false)
    private String activityKey;

    @Column(name = "line_item_url")
    private String lineItemUrl;

    @Column(name = "line_items_url")
    private String lineItemsUrl;

    @Column(name = "ags_scopes")
    private String agsScopes;

    @Enumerated(EnumType.STRING)
    @Column(name = "send_mode", nullable = false)
    private SendMode mode;

    @Column(name = "mode_by_trainer", nullable = false)
    private boolean modeByTrainer;

    @Enumerated(EnumType.STRING)
    @Column(name = "attempt_policy", nullable = false)
    private AttemptPolicy attemptPolicy = AttemptPolicy.HIGHEST;

    @Column(name = "line_item_problem")
    private String lineItemProblem;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int lockVersion;

    protected GradeColumn() {
    }

    public GradeColumn(Course course, String resourceLinkId, String activityKey, SendMode mode, Instant now) {
        this.platformId = course.platformId();
        this.deploymentId = course.deploymentId();
        this.contextId = course.contextId();
        this.resourceLinkId = resourceLinkId;
        this.activityKey = activityKey;
        this.title = activityKey;
        this.mode = mode;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * What a launch of the link said. The platform's claim is the truth about its line item; a
     * trainer's choice of mode outlives the link's custom parameter. Changes nothing (no write)
     * when nothing changed, so a class launching at once does not contend for the row.
     *
     * @return whether anything changed
     */
    public boolean launched(String title, Optional<String> lineItem, Optional<String> lineItems, Set<String> scopes,
                         String activityKey, SendMode linkMode, Instant now) {
        boolean changed = false;
        String newTitle = title == null || title.isBlank() ? this.title : (title.length() > 512 ? title.substring(0, 512) : title);
        if (!newTitle.equals(this.title)) {
            this.title = newTitle;
            changed = true;
        }
        if (!activityKey.equals(this.activityKey)) {
            this.activityKey = activityKey;
            changed = true;
        }
        if (lineItem.isPresent() && !lineItem.get().equals(lineItemUrl)) {
            this.lineItemUrl = lineItem.get();
            this.lineItemProblem = null;
            changed = true;
        }
        if (lineItems.isPresent() && !lineItems.get().equals(lineItemsUrl)) {
            this.lineItemsUrl = lineItems.get();
            changed = true;
        }
        String joined = scopes.isEmpty() ? agsScopes : String.join(" ", new TreeSet<>(scopes));
        if (joined != null && !joined.equals(agsScopes)) {
            this.agsScopes = joined;
            changed = true;
        }
        if (!modeByTrainer && linkMode != mode) {
            this.mode = linkMode;
            changed = true;
        }
        if (changed) {
            this.updatedAt = now;
        }
        return changed;
    }

    /** The trainer's choice, kept over the link's custom parameter from now on. */
    public void chooseMode(SendMode chosen, Instant now) {
        this.mode = chosen;
        this.modeByTrainer = true;
        this.updatedAt = now;
    }

    /** The trainer's choice of which attempt is graded when a learner completes the activity again. */
    public void chooseAttemptPolicy(AttemptPolicy chosen, Instant now) {
        this.attemptPolicy = chosen;
        this.updatedAt = now;
    }

    public AttemptPolicy attemptPolicy() {
        return attemptPolicy;
    }

    /** The line item found or created in the context's line items. */
    public void lineItemResolved(String url, Instant now) {
        if (url.equals(lineItemUrl) && lineItemProblem == null) {
            return;
        }
        this.lineItemUrl = url;
        this.lineItemProblem = null;
        this.updatedAt = now;
    }

    public void lineItemProblem(String problem, Instant now) {
        if (java.util.Objects.equals(problem, lineItemProblem)) {
            return;
        }
        this.lineItemProblem = problem == null ? null : problem.length() > 2000 ? problem.substring(0, 2000) : problem;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Course course() {
        return new Course(platformId, deploymentId, contextId);
    }

    public String resourceLinkId() {
        return resourceLinkId;
    }

    public String title() {
        return title;
    }

    public String activityKey() {
        return activityKey;
    }

    public Optional<String> lineItemUrl() {
        return Optional.ofNullable(lineItemUrl);
    }

    public Optional<String> lineItemsUrl() {
        return Optional.ofNullable(lineItemsUrl);
    }

    public Set<String> scopes() {
        return agsScopes == null || agsScopes.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(agsScopes.split(" ")));
    }

    public SendMode mode() {
        return mode;
    }

    public boolean modeByTrainer() {
        return modeByTrainer;
    }

    public Optional<String> lineItemProblem() {
        return Optional.ofNullable(lineItemProblem);
    }

    public boolean belongsTo(Course course) {
        return platformId == course.platformId() && deploymentId.equals(course.deploymentId())
                && contextId.equals(course.contextId());
    }
}
