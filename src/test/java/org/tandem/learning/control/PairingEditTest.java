package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandem.learning.entity.ProfessionalGroup.CLINICIAN;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;
import static org.tandem.learning.entity.ProfessionalGroup.OTHER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.learning.control.Pairing.Unpaired;
import org.tandem.learning.control.Pairing.UnpairedReason;

class PairingEditTest {

    private final RosterMember m1 = new RosterMember("m1", "Mia", MANAGER);
    private final RosterMember m2 = new RosterMember("m2", "Max", MANAGER);
    private final RosterMember m3 = new RosterMember("m3", "Meg", MANAGER);
    private final RosterMember c1 = new RosterMember("c1", "Cal", CLINICIAN);
    private final RosterMember c2 = new RosterMember("c2", "Cat", CLINICIAN);
    private final RosterMember c3 = new RosterMember("c3", "Cy", CLINICIAN);
    private final RosterMember o1 = new RosterMember("o1", "Oz", OTHER);

    /** (m1, c1), (m2, c2, m3); c3 and o1 unpaired. */
    private final Pairing start = new Pairing(
            List.of(Pair.of(m1, c1), Pair.of(m2, c2, m3)),
            List.of(new Unpaired(c3, UnpairedReason.EVERY_PAIR_FULL), new Unpaired(o1, UnpairedReason.EVERY_PAIR_FULL)));

    @Test
    void moveFromATrioKeepsBothPairsMixed() {
        Pairing moved = start.move("m3", "c1");
        assertThat(moved.partnerOf("m3")).containsExactlyInAnyOrder(m1, c1);
        assertThat(moved.partnerOf("m2")).containsExactly(c2);
        assertThat(moved.warnings()).isEmpty();
        assertThat(moved.members()).containsExactlyInAnyOrderElementsOf(start.members());
        // the original is unchanged
        assertThat(start.partnerOf("m3")).containsExactlyInAnyOrder(m2, c2);
    }

    @Test
    void moveThatLeavesAPairWithoutAClinicianIsRefused() {
        assertThatThrownBy(() -> start.move("c2", "m1")).isInstanceOf(PairingEditRefused.class)
                .hasMessageContaining("without both a manager and a clinician");
    }

    @Test
    void trainerMayOverrideAndGetsAWarning() {
        Pairing moved = start.move("c2", "m1", true);
        assertThat(moved.partnerOf("m2")).containsExactly(m3);
        assertThat(moved.warnings()).singleElement().satisfies(w -> {
            assertThat(w.pair().members()).containsExactly(m2, m3);
            assertThat(w.missing()).isEqualTo(CLINICIAN);
        });
    }

    @Test
    void moveOutOfAPairOfTwoDissolvesItAndUnpairsThePartner() {
        Pairing moved = start.move("c1", "m2");
        assertThat(moved.pairs()).hasSize(1);
        assertThat(moved.partnerOf("c1")).containsExactlyInAnyOrder(m2, c2, m3);
        assertThat(moved.unpaired()).contains(new Unpaired(m1, UnpairedReason.PAIR_DISSOLVED));
        assertThat(moved.members()).containsExactlyInAnyOrderElementsOf(start.members());
    }

    @Test
    void moveAnUnpairedMemberIntoAPair() {
        Pairing moved = start.move("c3", "m1");
        assertThat(moved.partnerOf("c3")).containsExactlyInAnyOrder(m1, c1);
        assertThat(moved.unpaired()).extracting(Unpaired::member).containsExactly(o1);
    }

    @Test
    void moveIntoAnUnpairedMemberOrUnknownKeyIsAnError() {
        assertThatThrownBy(() -> start.move("m1", "c3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> start.move("zz", "m1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> start.move("c1", "m1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitUnpairsEveryMemberOfThePair() {
        Pairing split = start.split("m3");
        assertThat(split.pairs()).containsExactly(Pair.of(m1, c1));
        assertThat(split.unpaired()).contains(
                new Unpaired(m2, UnpairedReason.SPLIT_BY_TRAINER),
                new Unpaired(c2, UnpairedReason.SPLIT_BY_TRAINER),
                new Unpaired(m3, UnpairedReason.SPLIT_BY_TRAINER));
        assertThat(split.members()).containsExactlyInAnyOrderElementsOf(start.members());
        assertThatThrownBy(() -> start.split("c3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createPairFromTwoUnpairedMembers() {
        Pairing created = start.split("m2").createPair("m3", "c3");
        assertThat(created.partnerOf("m3")).containsExactly(c3);
        assertThat(created.warnings()).isEmpty();
    }

    @Test
    void createUnmixedPairNeedsTheOverride() {
        assertThatThrownBy(() -> start.createPair("c3", "o1")).isInstanceOf(PairingEditRefused.class);
        Pairing created = start.createPair("c3", "o1", true);
        assertThat(created.partnerOf("o1")).containsExactly(c3);
        assertThat(created.warnings()).singleElement()
                .satisfies(w -> assertThat(w.missing()).isEqualTo(MANAGER));
    }

    @Test
    void createPairRefusesMembersAlreadyPaired() {
        assertThatThrownBy(() -> start.createPair("m1", "c3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> start.createPair("c3", "c3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpairFromATrio() {
        Pairing result = start.unpair("m3");
        assertThat(result.partnerOf("m2")).containsExactly(c2);
        assertThat(result.unpaired()).contains(new Unpaired(m3, UnpairedReason.UNPAIRED_BY_TRAINER));
        assertThatThrownBy(() -> start.unpair("c2")).isInstanceOf(PairingEditRefused.class);
        assertThat(start.unpair("c2", true).warnings()).hasSize(1);
    }

    @Test
    void removeTakesAMemberOffThePairing() {
        Pairing removed = start.remove("m3");
        assertThat(removed.contains("m3")).isFalse();
        assertThat(removed.members()).hasSize(start.members().size() - 1);
        assertThat(start.remove("c3").unpaired()).extracting(Unpaired::member).containsExactly(o1);
        assertThatThrownBy(() -> start.remove("c2")).isInstanceOf(PairingEditRefused.class);
        assertThat(start.remove("c2", true).warnings()).hasSize(1);
    }

    @Test
    void removeFromAPairOfTwoDissolvesIt() {
        Pairing removed = start.remove("c1");
        assertThat(removed.pairs()).hasSize(1);
        assertThat(removed.unpaired()).contains(new Unpaired(m1, UnpairedReason.PAIR_DISSOLVED));
    }

    @Test
    void editsLeaveUntouchedUnmixedPairsAlone() {
        Pairing withUnmixed = start.createPair("c3", "o1", true);
        // moving m3 between two mixed pairs is fine even though another pair is not mixed
        Pairing moved = withUnmixed.move("m3", "m1");
        assertThat(moved.warnings()).hasSize(1);
        // moving a manager into the unmixed pair fixes it
        assertThat(moved.move("m3", "o1").warnings()).isEmpty();
    }

    // ----- the trainer's edit commands: refusals in the trainer's words ---------------------------

    @Test
    void editCommandRefusesMovingIntoALearnerWhoIsNotInAPair() {
        assertThatThrownBy(() -> new PairingEdit.Move("m1", "c3", false).applyTo(start))
                .isInstanceOf(PairingEditRefused.class).hasMessage("Cy is not in a pair, so there is no pair to move Mia"
                        + " into. Create a pair of the two instead.");
    }

    @Test
    void editCommandExplainsAnUnmixedPairAndHowToAllowIt() {
        assertThatThrownBy(() -> new PairingEdit.Move("c2", "m1", false).applyTo(start))
                .isInstanceOf(PairingEditRefused.class)
                .hasMessageStartingWith("Not done: the edit would leave Max and Meg without both a manager and a clinician.")
                .hasMessageContaining("Allow a pair without both a manager and a clinician");
        assertThat(new PairingEdit.Move("c2", "m1", true).applyTo(start).partnerOf("m2")).containsExactly(m3);
    }

    @Test
    void editCommandRefusesCreatingAPairWithSomeoneAlreadyPaired() {
        assertThatThrownBy(() -> new PairingEdit.CreatePair("c3", "m1", false).applyTo(start))
                .hasMessageContaining("Mia is already in a pair");
        assertThatThrownBy(() -> new PairingEdit.CreatePair("c3", "c3", false).applyTo(start))
                .hasMessageContaining("two different learners");
        assertThat(new PairingEdit.CreatePair("c3", "o1", true).applyTo(start).partnerOf("c3")).containsExactly(o1);
    }

    @Test
    void editCommandRefusesSplittingOrUnpairingSomeoneUnpaired() {
        assertThatThrownBy(() -> new PairingEdit.Split("o1").applyTo(start)).hasMessage("Oz is not in a pair, so there is nothing to split.");
        assertThatThrownBy(() -> new PairingEdit.Unpair("o1", false).applyTo(start)).hasMessage("Oz is not in a pair.");
        assertThat(new PairingEdit.Split("m3").applyTo(start).pairOf("m2")).isEmpty();
        assertThat(new PairingEdit.Unpair("m3", false).applyTo(start).partnerOf("m2")).containsExactly(c2);
    }

    @Test
    void editCommandRefusesALearnerNoLongerOnTheRoster() {
        assertThatThrownBy(() -> new PairingEdit.Unpair("gone", false).applyTo(start))
                .hasMessageContaining("not on the course's roster any more");
    }
}
