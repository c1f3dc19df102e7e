package org.tandem.learning.entity;

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
import java.util.Optional;
import java.util.OptionalDouble;
import org.tandem.catalogue.entity.Seat;

/**
 * One learner's attempt at one activity, pinned to the content-pack version it started on. The
 * state is the learner's own input (answers, choices) as JSON; progress is derived from it.
 */
@Entity
@Table(name = "attempt")
public class Attempt {

    public enum Status { IN_PROGRESS, COMPLETED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attempt_id")
    @SequenceGenerator(name = "attempt_id", sequenceName = "attempt_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @Column(nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "professional_group")
    private ProfessionalGroup group;

    @Enumerated(EnumType.STRING)
    @Column(name = "activity_kind", nullable = false)
    private ActivityKind kind;

    @Column(name = "activity_id", nullable = false)
    private String activityId;

    @Enumerated(EnumType.STRING)
    private Phase phase;

    @Column(name = "pack_id", nullable = false)
    private String packId;

    @Column(name = "pack_version", nullable = false)
    private int packVersion;

    @Enumerated(EnumType.STRING)
    private Seat seat;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "state_json", nullable = false)
    private String stateJson;

    private Double score;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int lockVersion;

    protected Attempt() {
    }

    public Attempt(Learner learner, ProfessionalGroup group, ActivityKind kind, String activityId, Phase phase,
                   String packId, int packVersion, Seat seat, String initialState, Instant now) {
        this.platformId = learner.platformId();
        this.deploymentId = learner.deploymentId();
        this.contextId = learner.contextId();
        this.subject = learner.subject();
        this.group = group;
        this.kind = kind;
        this.activityId = activityId;
        this.phase = phase;
        this.packId = packId;
        this.packVersion = packVersion;
        this.seat = seat;
        this.status = Status.IN_PROGRESS;
        this.stateJson = initialState;
        this.startedAt = now;
        this.updatedAt = now;
    }

    /** Saves progress; a completed attempt is final and refuses changes. */
    public void progress(String newState, Instant now) {
        requireInProgress();
        this.stateJson = newState;
        this.updatedAt = now;
    }

    public void complete(String finalState, double finalScore, Instant now) {
        requireInProgress();
        this.stateJson = finalState;
        this.score = finalScore;
        this.status = Status.COMPLETED;
        this.completedAt = now;
        this.updatedAt = now;
    }

    private void requireInProgress() {
        if (status == Status.COMPLETED) {
            throw new AttemptClosedException(id);
        }
    }

    public boolean belongsTo(Learner learner) {
        return platformId == learner.platformId() && deploymentId.equals(learner.deploymentId())
                && contextId.equals(learner.contextId()) && subject.equals(learner.subject());
    }

    public Long id() {
        return id;
    }

    /** Whose attempt this is: tenant, course and person. */
    public Learner learner() {
        return new Learner(platformId, deploymentId, contextId, subject);
    }

    /** The activity the attempt is at. */
    public ActivityRef activity() {
        return new ActivityRef(kind, activityId, Optional.ofNullable(phase));
    }

    public ActivityKind kind() {
        return kind;
    }

    public String activityId() {
        return activityId;
    }

    public Optional<Phase> phase() {
        return Optional.ofNullable(phase);
    }

    public String packId() {
        return packId;
    }

    public int packVersion() {
        return packVersion;
    }

    public Optional<Seat> seat() {
        return Optional.ofNullable(seat);
    }

    public Optional<ProfessionalGroup> group() {
        return Optional.ofNullable(group);
    }

    public Status status() {
        return status;
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    public String state() {
        return stateJson;
    }

    public OptionalDouble score() {
        return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public String subject() {
        return subject;
    }

    /** An attempt that is completed cannot change: double submits and late saves end here. */
    public static class AttemptClosedException extends RuntimeException {
        public AttemptClosedException(Long id) {
            super("attempt " + id + " is already completed");
        }
    }
}
