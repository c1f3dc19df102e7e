package org.tandem.learning.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One shadowing log entry: a learner spent time in their partner's working world and wrote what
 * they learned about the partner's priorities. Only the author and the partners they had when
 * writing see it; one of those partners confirms it happened.
 */
@Entity
@Table(name = "shadowing_entry")
public class ShadowingEntry {

    public static final int MAX_SETTING = 200;
    public static final int MAX_LEARNED = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shadowing_entry_id")
    @SequenceGenerator(name = "shadowing_entry_id", sequenceName = "shadowing_entry_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @Column(name = "author_subject", nullable = false)
    private String author;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "shadowing_partner", joinColumns = @JoinColumn(name = "entry_id"))
    @Column(name = "subject", nullable = false)
    private Set<String> partners = new HashSet<>();

    @Column(name = "shadowed_on", nullable = false)
    private LocalDate shadowedOn;

    @Column(nullable = false)
    private String setting;

    @Column(nullable = false)
    private String learned;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "confirmed_by")
    private String confirmedBy;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int version;

    protected ShadowingEntry() {
    }

    public ShadowingEntry(Learner author, Set<String> partners, LocalDate shadowedOn, String setting, String learned,
                          Instant now) {
        if (partners.isEmpty() || partners.contains(author.subject())) {
            throw new IllegalArgumentException("an entry is written for partners other than its author");
        }
        this.platformId = author.platformId();
        this.deploymentId = author.deploymentId();
        this.contextId = author.contextId();
        this.author = author.subject();
        this.partners.addAll(partners);
        this.shadowedOn = shadowedOn;
        this.setting = setting;
        this.learned = learned;
        this.createdAt = now;
    }

    /** The author, or one of the partners the author had when writing it. */
    public boolean visibleTo(String subject) {
        return author.equals(subject) || partners.contains(subject);
    }

    public void confirm(String by, Instant now) {
        this.confirmedBy = by;
        this.confirmedAt = now;
    }

    public Long id() {
        return id;
    }

    public Course course() {
        return new Course(platformId, deploymentId, contextId);
    }

    public String author() {
        return author;
    }

    public Set<String> partners() {
        return Set.copyOf(partners);
    }

    public LocalDate shadowedOn() {
        return shadowedOn;
    }

    public String setting() {
        return setting;
    }

    public String learned() {
        return learned;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<String> confirmedBy() {
        return Optional.ofNullable(confirmedBy);
    }

    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    public boolean confirmed() {
        return confirmedBy != null;
    }
}
