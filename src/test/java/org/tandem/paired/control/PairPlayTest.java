package org.tandem.paired.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Seat;
import org.tandem.paired.control.PairPlay.Settlement;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.MoveKind;
import org.tandem.paired.entity.PairedCase;

/** The rules of a pair's play on the starter case: staffing is the clinician's, beds and the meeting the manager's. */
class PairPlayTest {

    static final PairedCase CASE = new PairedCases().find("closing-beds").orElseThrow();
    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    final List<Move> moves = new ArrayList<>();

    PairPlay play() {
        return PairPlay.of(CASE, false, moves);
    }

    void make(Move move) {
        moves.add(move);
    }

    @Test
    void bothAgreeingSettlesTheProposal() {
        make(play().propose(Seat.MANAGER, "m", "ask-own-team", Optional.of("cheaper and safer"), AT));
        assertThat(play().pending()).map(Move::option).contains(Optional.of("ask-own-team"));
        make(play().agree(Seat.CLINICIAN, "c", AT));
        PairPlay play = play();
        assertThat(play.settled()).singleElement().satisfies(s -> {
            assertThat(s.option().id()).isEqualTo("ask-own-team");
            assertThat(s.how()).isEqualTo(Settlement.AGREED);
        });
        assertThat(play.currentDecision()).map(PairedCase.Decision::id).contains("beds");
    }

    @Test
    void anObjectionNeedsAReasonAndLetsTheOwnerDecideAfterHearingIt() {
        make(play().propose(Seat.CLINICIAN, "c", "run-short", Optional.empty(), AT));
        assertThatThrownBy(() -> play().object(Seat.MANAGER, "m", "  ", AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("reasonNeeded"));
        // the owner (clinician) has not heard the manager yet
        assertThatThrownBy(() -> play().decide(Seat.CLINICIAN, "c", "run-short", AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("hearFirst"));
        make(play().object(Seat.MANAGER, "m", "Observations will be missed", AT));
        assertThat(play().pending()).isEmpty();
        assertThatThrownBy(() -> play().decide(Seat.MANAGER, "m", "agency-all", AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("notOwner"));
        make(play().decide(Seat.CLINICIAN, "c", "ask-own-team", AT));
        PairPlay.Settled settled = play().settled().get(0);
        assertThat(settled.how()).isEqualTo(Settlement.OWNER_DECIDED);
        assertThat(settled.option().id()).isEqualTo("ask-own-team");
        assertThat(settled.moves()).extracting(Move::kind).containsExactly(MoveKind.PROPOSED, MoveKind.OBJECTED, MoveKind.DECIDED);
        assertThat(settled.moves().get(1).text()).contains("Observations will be missed");
    }

    @Test
    void aPartnersProposalIsAnsweredBeforeANewOneAndNotByItsAuthor() {
        make(play().propose(Seat.MANAGER, "m", "agency-all", Optional.empty(), AT));
        assertThatThrownBy(() -> play().propose(Seat.CLINICIAN, "c", "run-short", Optional.empty(), AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("answerFirst"));
        assertThatThrownBy(() -> play().agree(Seat.MANAGER, "m", AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("ownProposal"));
        // the author may change their own proposal
        make(play().propose(Seat.MANAGER, "m", "ask-own-team", Optional.empty(), AT));
        assertThat(play().pending()).map(Move::option).contains(Optional.of("ask-own-team"));
        assertThatThrownBy(() -> play().propose(Seat.MANAGER, "m", "no-such", Optional.empty(), AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("noSuchOption"));
    }

    @Test
    void aWholeCaseEndsWithTheScoreOfTheSettledOptionsAndKeepsTheNotes() {
        make(play().note(Seat.CLINICIAN, "c", "Ask Sam about Saturday", AT));
        make(play().propose(Seat.MANAGER, "m", "ask-own-team", Optional.empty(), AT));
        make(play().agree(Seat.CLINICIAN, "c", AT));
        make(play().propose(Seat.CLINICIAN, "c", "move-fit-patients", Optional.empty(), AT));
        make(play().agree(Seat.MANAGER, "m", AT));
        make(play().propose(Seat.CLINICIAN, "c", "present-together", Optional.empty(), AT));
        make(play().object(Seat.MANAGER, "m", "I should go alone", AT));
        make(play().decide(Seat.MANAGER, "m", "manager-alone", AT));
        PairPlay play = play();
        assertThat(play.ended()).isTrue();
        assertThat(play.score()).isEqualTo(7 / 9.0);
        assertThat(play.note("staffing")).contains("Ask Sam about Saturday");
        assertThatThrownBy(() -> play.note(Seat.MANAGER, "m", "late", AT))
                .isInstanceOfSatisfying(MoveRefused.class, e -> assertThat(e.key()).isEqualTo("ended"));
    }

    @Test
    void aSoloLearnerDecidesAlone() {
        PairPlay solo = PairPlay.of(CASE, true, List.of());
        Move decided = solo.decide(Seat.MANAGER, "s", "ask-own-team", AT);
        assertThat(PairPlay.of(CASE, true, List.of(decided)).settled()).singleElement()
                .satisfies(s -> assertThat(s.how()).isEqualTo(Settlement.SOLO));
    }
}
