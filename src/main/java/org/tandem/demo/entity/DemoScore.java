package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One score the demo platform accepted for a line item, kept as posted (the score history). */
@Entity
@Table(name = "demo_score")
public class DemoScore {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "demo_score_id")
    @SequenceGenerator(name = "demo_score_id", sequenceName = "demo_score_seq", allocationSize = 1)
    private Long id;

    @Column(name = "line_item_id", nullable = false)
    private long lineItemId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "score_given")
    private Double scoreGiven;

    @Column(name = "score_maximum")
    private Double scoreMaximum;

    @Enumerated(EnumType.STRING)
    @Column(name = "activity_progress", nullable = false)
    private ScoreProgress.Activity activityProgress;

    @Enumerated(EnumType.STRING)
    @Column(name = "grading_progress", nullable = false)
    private ScoreProgress.Grading gradingProgress;

    @Column(name = "score_timestamp", nullable = false)
    private Instant timestamp;

    @Column(name = "comment_text")
    private String comment;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected DemoScore() {
    }

    public DemoScore(DemoLineItem lineItem, PostedScore posted, Instant receivedAt) {
        this.lineItemId = lineItem.id();
        this.userId = posted.userId();
        this.scoreGiven = posted.scoreGiven().orElse(null);
        this.scoreMaximum = posted.scoreMaximum().orElse(null);
        this.activityProgress = posted.activityProgress();
        this.gradingProgress = posted.gradingProgress();
        this.timestamp = posted.timestamp();
        this.comment = posted.comment().orElse(null);
        this.receivedAt = receivedAt;
    }

    public PostedScore posted() {
        return new PostedScore(userId, Optional.ofNullable(scoreGiven), Optional.ofNullable(scoreMaximum), activityProgress,
                gradingProgress, timestamp, Optional.ofNullable(comment));
    }

    public long id() {
        return id;
    }

    public long lineItemId() {
        return lineItemId;
    }

    public String userId() {
        return userId;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
