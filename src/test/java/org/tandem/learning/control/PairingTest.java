package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandem.learning.entity.ProfessionalGroup.CLINICIAN;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;
import static org.tandem.learning.entity.ProfessionalGroup.OTHER;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.learning.control.Pairing.UnpairedReason;
import org.tandem.learning.entity.ProfessionalGroup;

class PairingTest {

    private static List<RosterMember> roster(int managers, int clinicians, int others) {
        List<RosterMember> roster = new ArrayList<>();
        for (int i = 1; i <= managers; i++) {
            roster.add(member("m" + i, MANAGER));
        }
        for (int i = 1; i <= clinicians; i++) {
            roster.add(member("c" + i, CLINICIAN));
        }
        for (int i = 1; i <= others; i++) {
            roster.add(member("o" + i, OTHER));
        }
        return roster;
    }

    private static RosterMember member(String key, ProfessionalGroup group) {
        return new RosterMember(key, "Name " + key, group);
    }

    private static void assertEveryMemberOnce(Pairing pairing, List<RosterMember> roster) {
        assertThat(pairing.members()).containsExactlyInAnyOrderElementsOf(roster);
    }

    @Test
    void threeManagersAndThreeCliniciansMakeThreeMixedPairs() {
        List<RosterMember> roster = roster(3, 3, 0);
        Pairing pairing = Pairing.automatic(roster, 42);
        assertThat(pairing.pairs()).hasSize(3).allSatisfy(p -> {
            assertThat(p.size()).isEqualTo(2);
            assertThat(p.isMixed()).isTrue();
        });
        assertThat(pairing.unpaired()).isEmpty();
        assertThat(pairing.warnings()).isEmpty();
        assertEveryMemberOnce(pairing, roster);
    }

    @Test
    void fourManagersAndTwoCliniciansMakeTwoTrios() {
        List<RosterMember> roster = roster(4, 2, 0);
        Pairing pairing = Pairing.automatic(roster, 7);
        assertThat(pairing.pairs()).hasSize(2).allSatisfy(p -> {
            assertThat(p.size()).isEqualTo(3);
            assertThat(p.members()).filteredOn(m -> m.group() == CLINICIAN).hasSize(1);
            assertThat(p.members()).filteredOn(m -> m.group() == MANAGER).hasSize(2);
        });
        assertThat(pairing.unpaired()).isEmpty();
        assertEveryMemberOnce(pairing, roster);
    }

    @Test
    void surplusBeyondOneExtraPerPairStaysUnpaired() {
        List<RosterMember> roster = roster(2, 5, 0);
        Pairing pairing = Pairing.automatic(roster, 1);
        assertThat(pairing.pairs()).hasSize(2).allSatisfy(p -> assertThat(p.size()).isEqualTo(3));
        assertThat(pairing.unpaired()).hasSize(1).allSatisfy(u -> {
            assertThat(u.member().group()).isEqualTo(CLINICIAN);
            assertThat(u.reason()).isEqualTo(UnpairedReason.EVERY_PAIR_FULL);
        });
        assertEveryMemberOnce(pairing, roster);
    }

    @Test
    void oneSurplusMakesOneTrioAndTheRestPairs() {
        Pairing pairing = Pairing.automatic(roster(3, 4, 0), 3);
        assertThat(pairing.pairs()).extracting(Pair::size).containsExactlyInAnyOrder(3, 2, 2);
        assertThat(pairing.unpaired()).isEmpty();
    }

    @Test
    void onlyManagersMakeNoPairsAndAllAreUnpairedWithTheReason() {
        List<RosterMember> roster = roster(5, 0, 0);
        Pairing pairing = Pairing.automatic(roster, 42);
        assertThat(pairing.pairs()).isEmpty();
        assertThat(pairing.unpaired()).hasSize(5)
                .allSatisfy(u -> assertThat(u.reason()).isEqualTo(UnpairedReason.NO_CLINICIAN_TO_PAIR_WITH));
        assertThat(UnpairedReason.NO_CLINICIAN_TO_PAIR_WITH.description()).contains("no clinician");
        assertEveryMemberOnce(pairing, roster);
    }

    @Test
    void onlyCliniciansAreUnpairedForWantOfManagers() {
        Pairing pairing = Pairing.automatic(roster(0, 2, 0), 42);
        assertThat(pairing.unpaired()).extracting(Pairing.Unpaired::reason)
                .containsOnly(UnpairedReason.NO_MANAGER_TO_PAIR_WITH);
    }

    @Test
    void emptyRosterGivesEmptyPairing() {
        Pairing pairing = Pairing.automatic(List.of(), 1);
        assertThat(pairing.pairs()).isEmpty();
        assertThat(pairing.unpaired()).isEmpty();
    }

    @Test
    void sameRosterAndSeedGiveTheSamePairingWhateverTheRosterOrder() {
        List<RosterMember> roster = roster(6, 5, 2);
        List<RosterMember> reversed = new ArrayList<>(roster);
        Collections.reverse(reversed);
        Pairing first = Pairing.automatic(roster, 2024);
        assertThat(Pairing.automatic(roster, 2024)).isEqualTo(first);
        assertThat(Pairing.automatic(reversed, 2024)).isEqualTo(first);
    }

    @Test
    void differentSeedsShuffleDifferently() {
        List<RosterMember> roster = roster(10, 10, 0);
        long distinct = java.util.stream.LongStream.range(0, 5)
                .mapToObj(seed -> Pairing.automatic(roster, seed)).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void everyMemberAppearsExactlyOnceForManyRosters() {
        for (int m = 0; m <= 6; m++) {
            for (int c = 0; c <= 6; c++) {
                for (int o = 0; o <= 3; o++) {
                    List<RosterMember> roster = roster(m, c, o);
                    Pairing pairing = Pairing.automatic(roster, m * 100L + c * 10L + o);
                    assertEveryMemberOnce(pairing, roster);
                    assertThat(pairing.pairs()).allSatisfy(p -> assertThat(p.size()).isBetween(2, 3));
                    assertThat(pairing.pairs()).allSatisfy(p -> assertThat(
                            p.members().stream().filter(x -> x.group() != OTHER).count()).isPositive());
                }
            }
        }
    }

    @Test
    void duplicateKeysAreRejected() {
        List<RosterMember> roster = List.of(member("a", MANAGER), new RosterMember("a", "Other A", CLINICIAN));
        assertThatThrownBy(() -> Pairing.automatic(roster, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ OTHER

    @Test
    void othersStandInOnTheSmallerSideAndArePointedOut() {
        List<RosterMember> roster = roster(3, 1, 2);
        Pairing pairing = Pairing.automatic(roster, 5);
        assertThat(pairing.pairs()).hasSize(3).allSatisfy(p -> {
            assertThat(p.size()).isEqualTo(2);
            assertThat(p.has(MANAGER)).isTrue();
        });
        assertThat(pairing.pairs()).filteredOn(Pair::isMixed).hasSize(1);
        assertThat(pairing.warnings()).hasSize(2)
                .allSatisfy(w -> assertThat(w.missing()).isEqualTo(CLINICIAN))
                .allSatisfy(w -> assertThat(w.message()).contains("has no clinician"));
        assertEveryMemberOnce(pairing, roster);
    }

    @Test
    void othersLeftAfterBalancingJoinPairsAsThirdMembers() {
        Pairing pairing = Pairing.automatic(roster(2, 2, 1), 9);
        assertThat(pairing.pairs()).hasSize(2).allSatisfy(p -> assertThat(p.isMixed()).isTrue());
        assertThat(pairing.pairs()).extracting(Pair::size).containsExactlyInAnyOrder(3, 2);
        assertThat(pairing.warnings()).isEmpty();
    }

    @Test
    void othersNeverPairWithEachOther() {
        List<RosterMember> roster = roster(0, 0, 4);
        Pairing pairing = Pairing.automatic(roster, 9);
        assertThat(pairing.pairs()).isEmpty();
        assertThat(pairing.unpaired()).extracting(Pairing.Unpaired::reason)
                .containsOnly(UnpairedReason.NO_MANAGER_OR_CLINICIAN).hasSize(4);
    }

    @Test
    void othersLetOnlyManagersPair() {
        Pairing pairing = Pairing.automatic(roster(5, 0, 2), 9);
        assertThat(pairing.pairs()).hasSize(2).allSatisfy(p -> assertThat(p.size()).isEqualTo(3));
        assertThat(pairing.unpaired()).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(UnpairedReason.EVERY_PAIR_FULL));
    }

    // ------------------------------------------------------------ partners

    @Test
    void partnerOfGivesThePartnerOrBothTrioPartners() {
        RosterMember m1 = member("m1", MANAGER);
        RosterMember m2 = member("m2", MANAGER);
        RosterMember c1 = member("c1", CLINICIAN);
        RosterMember c2 = member("c2", CLINICIAN);
        RosterMember c3 = member("c3", CLINICIAN);
        RosterMember m3 = member("m3", MANAGER);
        Pairing pairing = new Pairing(List.of(Pair.of(m1, c1), Pair.of(m2, c2, c3)),
                List.of(new Pairing.Unpaired(m3, UnpairedReason.EVERY_PAIR_FULL)));
        assertThat(pairing.partnerOf("m1")).containsExactly(c1);
        assertThat(pairing.partnerOf("c1")).containsExactly(m1);
        assertThat(pairing.partnerOf("c2")).containsExactly(m2, c3);
        assertThat(pairing.partnerOf("m3")).isEmpty();
        assertThat(pairing.partnerOf("nobody")).isEmpty();
    }

    @Test
    void aMemberCannotBeInThePairingTwice() {
        RosterMember m1 = member("m1", MANAGER);
        RosterMember c1 = member("c1", CLINICIAN);
        assertThatThrownBy(() -> new Pairing(List.of(Pair.of(m1, c1)),
                List.of(new Pairing.Unpaired(m1, UnpairedReason.SPLIT_BY_TRAINER))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
