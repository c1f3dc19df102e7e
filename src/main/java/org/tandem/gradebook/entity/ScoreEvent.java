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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One score on its way to a line item: the outbox row written in the transaction that completes
 * the attempt (or by a trainer's re-send). The worker delivers events of one learner and column
 * strictly in id order, so an older score never overwrites a newer one. Rows are kept after
 * delivery: they are the sync history the trainer sees.
 */
@Entity
@Table(name = "score_event")
public class ScoreEvent {

    public enum Status {
        /** Waiting for its turn or its next try. */
        PENDING,
        /** The platform accepted it. */
        SENT,
        /** The platform refused it and would refuse it again, or Tandem gave up; see the answer. */
        FAILED,
        /** A trainer sent the learner's result again; this failed event is replaced by the new one. */
        REPLACED
    }

    /** Why the event exists. */
    public enum Cause { COMPLETED, RESENT, MODE_CHANGED, POLICY_CHANGED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "score_event_id")
    @SequenceGenerator(name = "score_event_id", sequenceName = "score_event_seq", allocationSize = 1)
    private Long id;

    @Column(name = "column_id", nullable = false)
    private long columnId;

    @Column(nullable = false)
    private String subject;

    @Column(name = "attempt_id")
    private Long attemptId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Cause cause;

    @Column(name = "score_given")
    private Double scoreGiven;

    @Column(name = "score_maximum")
    private Double scoreMaximum;

    @Column(name = "activity_progress", nullable = false)
    private String activityProgress;

    @Column(name = "grading_progress", nullable = false)
    private String gradingProgress;

    @Column(name = "score_comment")
    private String comment;

    @Column(name = "score_timestamp", nullable = false)
    private Instant scoreTimestamp;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private int tries;

    @Column(name = "next_try_at", nullable = false)
    private Instant nextTryAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_answer")
    private String lastAnswer;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int lockVersion;

    protected ScoreEvent() {
    }

    public ScoreEvent(long columnId, String subject, Long attemptId, Cause cause, Payload payload, Instant now) {
        this.columnId = columnId;
        this.subject = Objects.requireNonNull(subject, "subject");
        this.attemptId = attemptId;
        this.cause = Objects.requireNonNull(cause, "cause");
        this.scoreGiven = payload.scoreGiven();
        this.scoreMaximum = payload.scoreMaximum();
        this.activityProgress = payload.activityProgress();
        this.gradingProgress = payload.gradingProgress();
        this.comment = payload.comment() == null || payload.comment().length() <= 1000 ? payload.comment()
                : payload.comment().substring(0, 1000);
        this.scoreTimestamp = payload.timestamp();
        this.status = Status.PENDING;
        this.nextTryAt = now;
        this.createdAt = now;
    }

    /** What is sent: the AGS score fields, in Tandem's terms (the control turns them into the AGS record). */
    public record Payload(Double scoreGiven, Double scoreMaximum, String activityProgress, String gradingProgress,
                          String comment, Instant timestamp) {
        public Payload {
            Objects.requireNonNull(activityProgress, "activityProgress");
            Objects.requireNonNull(gradingProgress, "gradingProgress");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    public void sent(int httpStatus, Instant now) {
        requirePending();
        this.status = Status.SENT;
        this.tries++;
        this.lastStatus = httpStatus;
        this.lastAnswer = null;
        this.finishedAt = now;
        release();
    }

    public void failed(int httpStatus, String answer, Instant now) {
        requirePending();
        this.status = Status.FAILED;
        this.tries++;
        this.lastStatus = httpStatus == 0 ? null : httpStatus;
        this.lastAnswer = clip(answer);
        this.finishedAt = now;
        release();
    }

    /** Not now: try again at {@code next}. */
    public void retryAt(Instant next, int httpStatus, String answer) {
        requirePending();
        this.tries++;
        this.lastStatus = httpStatus == 0 ? null : httpStatus;
        this.lastAnswer = clip(answer);
        this.nextTryAt = next;
        release();
    }

    /** A trainer re-sent the learner's result; this failed event gives way to the new one. */
    public void replaced(Instant now) {
        if (status != Status.FAILED) {
            throw new IllegalStateException("only a failed score event can be replaced; event " + id + " is " + status);
        }
        this.status = Status.REPLACED;
        this.finishedAt = now;
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new IllegalStateException("score event " + id + " is " + status + ", not pending");
        }
    }

    private void release() {
        this.claimedBy = null;
        this.claimedUntil = null;
    }

    private static String clip(String answer) {
        return answer == null ? null : answer.length() <= 2000 ? answer : answer.substring(0, 1999) + "…";
    }

    public Long id() {
        return id;
    }

    public long columnId() {
        return columnId;
    }

    public String subject() {
        return subject;
    }

    public Optional<Long> attemptId() {
        return Optional.ofNullable(attemptId);
    }

    public Cause cause() {
        return cause;
    }

    public Payload payload() {
        return new Payload(scoreGiven, scoreMaximum, activityProgress, gradingProgress, comment, scoreTimestamp);
    }

    public Status status() {
        return status;
    }

    public int tries() {
        return tries;
    }

    public Instant nextTryAt() {
        return nextTryAt;
    }

    public Optional<String> claimedBy() {
        return Optional.ofNullable(claimedBy);
    }

    public OptionalInt lastStatus() {
        return lastStatus == null ? OptionalInt.empty() : OptionalInt.of(lastStatus);
    }

    public Optional<String> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }
}
