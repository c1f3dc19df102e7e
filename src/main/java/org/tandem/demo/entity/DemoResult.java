package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One cell of the demo gradebook: a user's latest accepted score on a line item and how many
 * scores arrived for it. The cell decides whether a new score may replace the latest.
 */
@Entity
@Table(name = "demo_result")
public class DemoResult {

    /** A score whose timestamp is not newer than the cell's latest (Moodle answers 409). */
    public static class StaleScore extends RuntimeException {
        public StaleScore(String message) {
            super(message);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "demo_result_id")
    @SequenceGenerator(name = "demo_result_id", sequenceName = "demo_result_seq", allocationSize = 1)
    private Long id;

    @Column(name = "line_item_id", nullable = false)
    private long lineItemId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "latest_score_id", nullable = false)
    private DemoScore latest;

    @Column(name = "scores_received", nullable = false)
    private int scoresReceived;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DemoResult() {
    }

    /** The cell that the first score for this user and line item opens. */
    public DemoResult(DemoScore first) {
        this.lineItemId = first.lineItemId();
        this.userId = first.userId();
        this.latest = first;
        this.scoresReceived = 1;
        this.updatedAt = first.receivedAt();
    }

    /**
     * Checks that a score for this cell may be accepted: its timestamp must be newer than the
     * latest one's (AGS 2.0 §3.4.5 orders scores by timestamp; Moodle refuses older ones with 409).
     */
    public void admit(PostedScore posted) {
        if (!posted.follows(Optional.of(latest.timestamp()))) {
            throw new StaleScore("the score's timestamp " + posted.timestamp() + " is not newer than the latest score's "
                    + latest.timestamp() + " for user " + userId + " on this line item");
        }
    }

    /** Takes an admitted score as the latest. */
    public void accept(DemoScore score) {
        admit(score.posted());
        latest = score;
        scoresReceived++;
        updatedAt = score.receivedAt();
    }

    public long lineItemId() {
        return lineItemId;
    }

    public String userId() {
        return userId;
    }

    public PostedScore latest() {
        return latest.posted();
    }

    public int scoresReceived() {
        return scoresReceived;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
