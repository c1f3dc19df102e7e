package org.tandem.paired.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.entity.Seat;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.MoveKind;
import org.tandem.paired.entity.PairedCase;
import org.tandem.paired.entity.PairedCase.Decision;

/**
 * Where a pair stands in a case, folded from its stored moves, and which move may come next.
 * At each decision one seat proposes, the other agrees (settled) or objects with a reason; the seat
 * that owns the decision may then decide, having heard the other (the other seat proposed or
 * objected at this decision). A solo learner, who has no partner, decides alone.
 */
public final class PairPlay {

    public static final int MAX_REASON = 1000;
    public static final int MAX_NOTE = 2000;

    /** How a decision was settled. */
    public enum Settlement { AGREED, OWNER_DECIDED, SOLO }

    /** A settled decision: the option, how, and every move made at it (objections with their reasons). */
    public record Settled(Decision decision, PairedCase.Option option, Settlement how, List<Move> moves) {
    }

    private final PairedCase pairedCase;
    private final boolean solo;
    private final List<Move> moves;
    private final List<Settled> settled = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<Move> current = new ArrayList<>();

    private PairPlay(PairedCase pairedCase, boolean solo, List<Move> moves) {
        this.pairedCase = pairedCase;
        this.solo = solo;
        this.moves = List.copyOf(moves);
        for (Move move : moves) {
            apply(move);
        }
    }

    public static PairPlay of(PairedCase pairedCase, boolean solo, List<Move> moves) {
        return new PairPlay(pairedCase, solo, moves);
    }

    private void apply(Move move) {
        if (move.kind() == MoveKind.NOTE) {
            notes.put(move.decisionId(), move.text().orElse(""));
            return;
        }
        Decision decision = currentDecision().orElseThrow(() -> new IllegalStateException("move " + move.seq() + " after the end"));
        Optional<Move> proposal = pending();
        current.add(move);
        if (move.kind() == MoveKind.AGREED) {
            settle(decision, proposal.orElseThrow().option().orElseThrow(), Settlement.AGREED);
        } else if (move.kind() == MoveKind.DECIDED) {
            settle(decision, move.option().orElseThrow(), solo ? Settlement.SOLO : Settlement.OWNER_DECIDED);
        }
    }

    private void settle(Decision decision, String optionId, Settlement how) {
        settled.add(new Settled(decision, decision.option(optionId).orElseThrow(), how, List.copyOf(current)));
        current.clear();
    }

    public PairedCase pairedCase() {
        return pairedCase;
    }

    public boolean solo() {
        return solo;
    }

    public List<Move> moves() {
        return moves;
    }

    public List<Settled> settled() {
        return List.copyOf(settled);
    }

    /** The decision the pair is at, empty when the case is over. */
    public Optional<Decision> currentDecision() {
        return settled.size() < pairedCase.decisions().size() ? Optional.of(pairedCase.decisions().get(settled.size()))
                : Optional.empty();
    }

    public boolean ended() {
        return currentDecision().isEmpty();
    }

    /** The moves made so far at the current decision. */
    public List<Move> currentMoves() {
        return List.copyOf(current);
    }

    /** The proposal waiting for the other seat's answer, if any: the last move at this decision, when it is a proposal. */
    public Optional<Move> pending() {
        return current.isEmpty() ? Optional.empty()
                : Optional.of(current.get(current.size() - 1)).filter(m -> m.kind() == MoveKind.PROPOSED);
    }

    /** Whether the owner of the current decision has heard the other seat at it (and so may decide). */
    public boolean ownerMayDecide() {
        Optional<Decision> decision = currentDecision();
        return decision.isPresent() && (solo || current.stream().anyMatch(m -> m.seat() != decision.get().owner()
                && (m.kind() == MoveKind.PROPOSED || m.kind() == MoveKind.OBJECTED)));
    }

    public Optional<String> note(String decisionId) {
        return Optional.ofNullable(notes.get(decisionId));
    }

    /** Points of the settled options over the most the case offers, 0..1. */
    public double score() {
        int max = pairedCase.maxPoints();
        return max == 0 ? 0 : settled.stream().mapToInt(s -> s.option().points()).sum() / (double) max;
    }

    // ---------------------------------------------------------------- the next move, checked

    public Move propose(Seat seat, String subject, String optionId, Optional<String> why, Instant at) {
        Decision decision = open();
        option(decision, optionId);
        pending().filter(p -> p.seat() != seat).ifPresent(p -> {
            throw new MoveRefused("answerFirst");
        });
        return next(seat, subject, MoveKind.PROPOSED, decision, Optional.of(optionId), limited(why, MAX_REASON), at);
    }

    public Move agree(Seat seat, String subject, Instant at) {
        Decision decision = open();
        Move proposal = partnersProposal(seat);
        return next(seat, subject, MoveKind.AGREED, decision, proposal.option(), Optional.empty(), at);
    }

    public Move object(Seat seat, String subject, String reason, Instant at) {
        Decision decision = open();
        Move proposal = partnersProposal(seat);
        Optional<String> why = limited(Optional.ofNullable(reason), MAX_REASON);
        if (why.isEmpty()) {
            throw new MoveRefused("reasonNeeded");
        }
        return next(seat, subject, MoveKind.OBJECTED, decision, proposal.option(), why, at);
    }

    public Move decide(Seat seat, String subject, String optionId, Instant at) {
        Decision decision = open();
        option(decision, optionId);
        if (!solo && seat != decision.owner()) {
            throw new MoveRefused("notOwner");
        }
        if (!ownerMayDecide()) {
            throw new MoveRefused("hearFirst");
        }
        return next(seat, subject, MoveKind.DECIDED, decision, Optional.of(optionId), Optional.empty(), at);
    }

    public Move note(Seat seat, String subject, String text, Instant at) {
        Decision decision = open();
        String note = text == null ? "" : text.strip();
        if (note.length() > MAX_NOTE) {
            throw new MoveRefused("noteTooLong");
        }
        return next(seat, subject, MoveKind.NOTE, decision, Optional.empty(), Optional.of(note), at);
    }

    private Decision open() {
        return currentDecision().orElseThrow(() -> new MoveRefused("ended"));
    }

    private static void option(Decision decision, String optionId) {
        if (optionId == null || decision.option(optionId).isEmpty()) {
            throw new MoveRefused("noSuchOption");
        }
    }

    private Move partnersProposal(Seat seat) {
        Move proposal = pending().orElseThrow(() -> new MoveRefused("nothingProposed"));
        if (proposal.seat() == seat && !solo) {
            throw new MoveRefused("ownProposal");
        }
        return proposal;
    }

    private Move next(Seat seat, String subject, MoveKind kind, Decision decision, Optional<String> option, Optional<String> text,
                      Instant at) {
        return new Move(moves.size() + 1, seat, subject, kind, decision.id(), option, text, at);
    }

    private static Optional<String> limited(Optional<String> text, int max) {
        Optional<String> stripped = text.map(String::strip).filter(t -> !t.isEmpty());
        if (stripped.filter(t -> t.length() > max).isPresent()) {
            throw new MoveRefused("tooLong");
        }
        return stripped;
    }
}
