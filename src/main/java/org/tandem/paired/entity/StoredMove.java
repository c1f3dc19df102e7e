package org.tandem.paired.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tandem.catalogue.entity.Seat;

/** A {@link Move} as a row of paired_move; written once, never changed. */
@Entity
@Table(name = "paired_move")
@IdClass(StoredMove.Key.class)
public class StoredMove {

    @Id
    @Column(name = "session_id")
    private long sessionId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Seat seat;

    @Column(nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MoveKind kind;

    @Column(name = "decision_id", nullable = false)
    private String decisionId;

    @Column(name = "option_id")
    private String optionId;

    @Column(name = "text")
    private String text;

    @Column(name = "made_at", nullable = false)
    private Instant madeAt;

    protected StoredMove() {
    }

    public StoredMove(long sessionId, Move move) {
        this.sessionId = sessionId;
        this.seq = move.seq();
        this.seat = move.seat();
        this.subject = move.subject();
        this.kind = move.kind();
        this.decisionId = move.decisionId();
        this.optionId = move.option().orElse(null);
        this.text = move.text().orElse(null);
        this.madeAt = move.at();
    }

    public Move move() {
        return new Move(seq, seat, subject, kind, decisionId, Optional.ofNullable(optionId), Optional.ofNullable(text), madeAt);
    }

    public static class Key implements Serializable {
        private long sessionId;
        private int seq;

        public Key() {
        }

        public Key(long sessionId, int seq) {
            this.sessionId = sessionId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.sessionId == sessionId && k.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, seq);
        }
    }
}
