package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.entity.ProfessionalGroup;

class SeatAssignmentTest {

    @Test
    void managerPlaysTheClinicianSeat() {
        assertThat(SeatAssignment.swapped(ProfessionalGroup.MANAGER, Seat.MANAGER))
                .isEqualTo(new SeatAssignment(Seat.CLINICIAN, false));
    }

    @Test
    void clinicianPlaysTheManagerSeat() {
        assertThat(SeatAssignment.swapped(ProfessionalGroup.CLINICIAN, Seat.CLINICIAN).seat()).isEqualTo(Seat.MANAGER);
    }

    @Test
    void otherProfessionsGetTheFallbackSeat() {
        assertThat(SeatAssignment.swapped(ProfessionalGroup.OTHER, Seat.CLINICIAN).seat()).isEqualTo(Seat.CLINICIAN);
        assertThat(SeatAssignment.swapped(ProfessionalGroup.OTHER, Seat.MANAGER).seat()).isEqualTo(Seat.MANAGER);
    }

    @Test
    void trainerMayOverrideTheSwap() {
        SeatAssignment overridden = SeatAssignment.swapped(ProfessionalGroup.MANAGER, Seat.MANAGER).overriddenBy(Seat.MANAGER);

        assertThat(overridden).isEqualTo(new SeatAssignment(Seat.MANAGER, true));
        assertThat(SeatAssignment.chosenByTrainer(Seat.CLINICIAN).byTrainer()).isTrue();
    }

    @Test
    void noOverrideKeepsTheSwap() {
        SeatAssignment swapped = SeatAssignment.swapped(ProfessionalGroup.CLINICIAN, Seat.CLINICIAN);

        assertThat(swapped.overriddenBy(null)).isSameAs(swapped);
    }
}
