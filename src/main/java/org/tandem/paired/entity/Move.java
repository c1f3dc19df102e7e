package org.tandem.paired.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tandem.catalogue.entity.Seat;

/**
 * One step of a pair's play, as stored: the n-th move of the session, by whom and from which seat,
 * at which decision. {@code option} is set for proposals and decisions, {@code text} for
 * objections (the reason), notes and proposals that say why.
 */
public record Move(int seq, Seat seat, String subject, MoveKind kind, String decisionId, Optional<String> option,
                   Optional<String> text, Instant at) {

    public Move {
        Objects.requireNonNull(seat, "seat");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decisionId, "decisionId");
        option = Objects.requireNonNullElse(option, Optional.empty());
        text = Objects.requireNonNullElse(text, Optional.empty());
    }
}
