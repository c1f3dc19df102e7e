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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pairs a trainer made in a course, as stored: who sits in which pair and who is unpaired
 * and why. The version changes with every save, so a trainer saving over pairs another trainer
 * changed since their page was drawn is told, not silently overwritten.
 */
@Entity
@Table(name = "course_pairing")
public class CoursePairing {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "course_pairing_id")
    @SequenceGenerator(name = "course_pairing_id", sequenceName = "course_pairing_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "pairing_member", joinColumns = @JoinColumn(name = "pairing_id"))
    private List<PairingSeat> seats = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int version;

    protected CoursePairing() {
    }

    public CoursePairing(Course course, Instant now) {
        this.platformId = course.platformId();
        this.deploymentId = course.deploymentId();
        this.contextId = course.contextId();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The trainer's new pairs replace the old ones; the change of updatedAt makes the version move on. */
    public void replace(List<PairingSeat> newSeats, String by, Instant now) {
        seats.clear();
        seats.addAll(newSeats);
        updatedBy = by == null || by.length() <= 512 ? by : by.substring(0, 512);
        updatedAt = now.isAfter(updatedAt) ? now : updatedAt.plusMillis(1);
    }

    public Course course() {
        return new Course(platformId, deploymentId, contextId);
    }

    public List<PairingSeat> seats() {
        return List.copyOf(seats);
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<String> updatedBy() {
        return Optional.ofNullable(updatedBy);
    }
}
