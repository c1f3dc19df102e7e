package org.tandem.paired.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pair;
import org.tandem.learning.control.Pairing;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.paired.entity.PairSession.Seating;

class SeatsTest {

    static final RosterMember ALEX = new RosterMember("alex", "Alex", ProfessionalGroup.MANAGER);
    static final RosterMember PRIYA = new RosterMember("priya", "Priya", ProfessionalGroup.CLINICIAN);
    static final RosterMember BEA = new RosterMember("bea", "Bea", ProfessionalGroup.CLINICIAN);
    static final RosterMember OMAR = new RosterMember("omar", "Omar", ProfessionalGroup.OTHER);

    static CoursePairs pairs(List<Pair> pairs, List<Pairing.Unpaired> unpaired) {
        return new CoursePairs(new Pairing(pairs, unpaired), List.of(), List.of(), 1, Optional.empty(), Optional.empty());
    }

    @Test
    void seatsEachPartnerInTheOthersSeat() {
        Seating seating = Seats.of(pairs(List.of(Pair.of(PRIYA, ALEX)), List.of()), "priya", ProfessionalGroup.CLINICIAN);
        assertThat(seating.seatOf("alex")).contains(Seat.CLINICIAN);
        assertThat(seating.seatOf("priya")).contains(Seat.MANAGER);
        assertThat(seating.solo()).isFalse();
        assertThat(seating).isEqualTo(Seats.of(pairs(List.of(Pair.of(ALEX, PRIYA)), List.of()), "alex", ProfessionalGroup.MANAGER));
    }

    @Test
    void inATrioTheManagerAndAClinicianPlayAndTheThirdPlaysSolo() {
        CoursePairs trio = pairs(List.of(Pair.of(PRIYA, BEA, ALEX)), List.of());
        assertThat(Seats.of(trio, "alex", ProfessionalGroup.MANAGER).partnerOf("alex")).contains("bea");
        assertThat(Seats.of(trio, "priya", ProfessionalGroup.CLINICIAN)).isEqualTo(Seating.solo("priya"));
    }

    @Test
    void anUnpairedLearnerPlaysSoloAndAStandInPairIsSeatedByName() {
        assertThat(Seats.of(pairs(List.of(), List.of(new Pairing.Unpaired(ALEX, Pairing.UnpairedReason.NOT_PAIRED_YET))), "alex",
                ProfessionalGroup.MANAGER).solo()).isTrue();
        Seating standIn = Seats.of(pairs(List.of(Pair.of(OMAR, PRIYA)), List.of()), "omar", ProfessionalGroup.OTHER);
        assertThat(standIn.seatOf("priya")).contains(Seat.MANAGER);
        assertThat(standIn.seatOf("omar")).contains(Seat.CLINICIAN);
    }
}
