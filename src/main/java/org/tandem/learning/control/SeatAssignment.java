package org.tandem.learning.control;

import java.util.Objects;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The seat a learner plays in role-swap scenarios. Learners sit in the other group's chair: a
 * manager plays the clinician seat and a clinician the manager seat. A learner of another
 * profession gets the fallback (usually the seat the scenario names). A trainer may override.
 *
 * @param seat       the seat to play
 * @param byTrainer  whether a trainer chose it rather than the swap rule
 */
public record SeatAssignment(Seat seat, boolean byTrainer) {

    public SeatAssignment {
        Objects.requireNonNull(seat, "seat");
    }

    /** The swapped seat for the learner's group; {@code fallback} for OTHER. */
    public static SeatAssignment swapped(ProfessionalGroup group, Seat fallback) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(fallback, "fallback");
        return new SeatAssignment(switch (group) {
            case MANAGER -> Seat.CLINICIAN;
            case CLINICIAN -> Seat.MANAGER;
            case OTHER -> fallback;
        }, false);
    }

    /** The seat a trainer chose, whatever the learner's group. */
    public static SeatAssignment chosenByTrainer(Seat seat) {
        return new SeatAssignment(seat, true);
    }

    /** This assignment, or the trainer's choice when there is one ({@code null} for none). */
    public SeatAssignment overriddenBy(Seat trainerChoice) {
        return trainerChoice == null ? this : chosenByTrainer(trainerChoice);
    }
}
