package org.tandem.paired.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.BiFunction;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.PairChanged;
import org.tandem.paired.entity.PairSession;
import org.tandem.paired.entity.PairedCase;
import org.tandem.platform.control.OwnTransaction;

/**
 * A learner's session of a paired case, and their moves in it: a move is checked against the
 * pair's stored moves under the session's row lock, stored, and only then announced. The move that
 * settles the last decision ends the session and completes an attempt for each partner, so the
 * gradebook sends each their score. Callers own the transaction.
 */
@ApplicationScoped
public class PairGames {

    /** The pack id paired attempts are recorded under (the cases are not part of a content pack). */
    public static final String PACK = "paired";

    @Inject
    PairSessions sessions;

    @Inject
    Pairings pairings;

    @Inject
    Attempts attempts;

    @Inject
    OwnTransaction own;

    @Inject
    Event<PairChanged> changed;

    /**
     * The session this learner plays the case in: the one they already sit in, else the one of their
     * pair now (started if need be). Empty for a learner without a partner: they wait for their
     * trainer to pair them, or choose to play alone ({@link #solo}).
     */
    public Optional<PairSession> sessionFor(Learner learner, ProfessionalGroup group, PairedCase pairedCase) {
        Course course = learner.course();
        Optional<PairSession> seated = sessions.seatedIn(course, pairedCase.id(), learner.subject());
        if (seated.isPresent()) {
            return seated;
        }
        PairSession.Seating seating = Seats.of(pairings.current(course), learner.subject(), group);
        return seating.solo() ? Optional.empty() : Optional.of(start(course, pairedCase, seating));
    }

    /** The learner plays the case alone (no partner in the course, or they chose not to wait). */
    public PairSession solo(Learner learner, PairedCase pairedCase) {
        return sessions.seatedIn(learner.course(), pairedCase.id(), learner.subject())
                .orElseGet(() -> start(learner.course(), pairedCase, PairSession.Seating.solo(learner.subject())));
    }

    private PairSession start(Course course, PairedCase pairedCase, PairSession.Seating seating) {
        // the partners may open the case at the same moment: one insert wins, the other reads it
        own.tryInsert(() -> sessions.start(new PairSession(course, pairedCase.id(), pairedCase.version(), seating, sessions.now())));
        return sessions.find(course, pairedCase.id(), seating)
                .orElseThrow(() -> new IllegalStateException("the pair session of " + seating.pairKey() + " was not stored"));
    }

    /**
     * Makes a move for this learner: {@code expectedMoves} is the number of moves the learner's page
     * was drawn after, so a move made on a page the partner has overtaken is refused ("moved").
     */
    public PairPlay move(Learner learner, PairedCase pairedCase, long sessionId, Optional<Integer> expectedMoves,
                         BiFunction<PairPlay, Seat, Move> move) {
        PairSession session = sessions.lock(learner.course(), sessionId).orElseThrow(() -> new MoveRefused("noSession"));
        Seat seated = session.seating().seatOf(learner.subject()).orElseThrow(() -> new MoveRefused("notYourSession"));
        PairPlay play = PairPlay.of(pairedCase, session.solo(), sessions.moves(session));
        // a solo learner makes every decision from the seat that owns it
        Seat seat = session.solo() ? play.currentDecision().map(PairedCase.Decision::owner).orElse(seated) : seated;
        if (expectedMoves.isPresent() && expectedMoves.get() != play.moves().size()) {
            throw new MoveRefused("moved");
        }
        Move made = move.apply(play, seat);
        sessions.append(session, made);
        java.util.List<Move> all = new java.util.ArrayList<>(play.moves());
        all.add(made);
        PairPlay next = PairPlay.of(pairedCase, session.solo(), all);
        if (next.ended()) {
            session.end(next.score(), made.at());
            complete(session, next, seat);
        }
        changed.fire(new PairChanged(session.id(), all.size()));
        return next;
    }

    private void complete(PairSession session, PairPlay play, Seat lastSeat) {
        PairSession.Seating seating = session.seating();
        for (String subject : new java.util.LinkedHashSet<>(java.util.List.of(seating.managerSeat(), seating.clinicianSeat()))) {
            Learner learner = session.course().learner(subject);
            Seat seat = session.solo() ? lastSeat : seating.seatOf(subject).orElseThrow();
            Attempt attempt = attempts.start(new Attempt(learner, null, ActivityKind.PAIRED, session.caseId(), null, PACK,
                    session.caseVersion(), seat, "{\"session\":" + session.id() + "}", sessions.now()));
            attempts.complete(attempt, "{\"session\":" + session.id() + "}", play.score());
        }
    }
}
