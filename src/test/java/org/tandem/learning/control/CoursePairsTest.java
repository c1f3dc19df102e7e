package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.learning.entity.ProfessionalGroup.CLINICIAN;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.learning.control.Pairing.UnpairedReason;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.CourseLearner;
import org.tandem.learning.entity.CoursePairing;
import org.tandem.learning.entity.PairingSeat;
import org.tandem.learning.entity.ProfessionalGroup;

/** Stored pairs reconciled with the roster as it is now. */
class CoursePairsTest {

    static final Course COURSE = new Course(1, "d1", "course-42");
    static final Map<String, ProfessionalGroup> GROUPS = Map.of("m1", MANAGER, "m2", MANAGER, "m3", MANAGER,
            "c1", CLINICIAN, "c2", CLINICIAN, "c3", CLINICIAN);

    static CourseLearner on(String subject) {
        return new CourseLearner(subject, "Name " + subject, true);
    }

    static CourseLearner gone(String subject) {
        return new CourseLearner(subject, "Name " + subject, false);
    }

    static Optional<CoursePairing> stored(PairingSeat... seats) {
        CoursePairing pairing = new CoursePairing(COURSE, Instant.parse("2026-05-04T09:00:00Z"));
        pairing.replace(List.of(seats), "Tess Trainer", Instant.parse("2026-05-04T10:00:00Z"));
        return Optional.of(pairing);
    }

    @Test
    void everyoneIsUnpairedUntilTheTrainerMakesPairs() {
        CoursePairs pairs = CoursePairs.reconcile(Optional.empty(), List.of(on("m1"), on("c1")), GROUPS);

        assertThat(pairs.made()).isFalse();
        assertThat(pairs.pairing().pairs()).isEmpty();
        assertThat(pairs.pairing().unpaired()).extracting(Pairing.Unpaired::reason).containsOnly(UnpairedReason.NOT_PAIRED_YET);
    }

    @Test
    void keepsStoredPairsAndTheirUnpairedReasonsWithCurrentNames() {
        CoursePairs pairs = CoursePairs.reconcile(stored(PairingSeat.paired("m1", 1), PairingSeat.paired("c1", 1),
                        PairingSeat.unpaired("m2", UnpairedReason.EVERY_PAIR_FULL.name())),
                List.of(new CourseLearner("m1", "Mia Renamed", true), on("c1"), on("m2")), GROUPS);

        assertThat(pairs.pairing().pairs()).singleElement().satisfies(p -> assertThat(p.members())
                .extracting(RosterMember::displayName).containsExactly("Mia Renamed", "Name c1"));
        assertThat(pairs.unpairedReason("m2")).contains(UnpairedReason.EVERY_PAIR_FULL);
        assertThat(pairs.updatedBy()).contains("Tess Trainer");
    }

    @Test
    void learnersWhoJoinedLaterAreUnpairedWithThatReason() {
        CoursePairs pairs = CoursePairs.reconcile(stored(PairingSeat.paired("m1", 1), PairingSeat.paired("c1", 1)),
                List.of(on("m1"), on("c1"), on("c2")), GROUPS);

        assertThat(pairs.unpairedReason("c2")).contains(UnpairedReason.JOINED_AFTER_PAIRING);
        assertThat(UnpairedReason.JOINED_AFTER_PAIRING.description()).contains("joined the course after the pairs were made");
    }

    @Test
    void aLearnerWhoLeftIsShownAsDepartedAndTheirPartnerIsUnpaired() {
        CoursePairs pairs = CoursePairs.reconcile(stored(PairingSeat.paired("m1", 1), PairingSeat.paired("c1", 1),
                        PairingSeat.paired("m2", 2), PairingSeat.paired("c2", 2), PairingSeat.paired("m3", 2)),
                List.of(on("m1"), gone("c1"), on("m2"), gone("c2"), on("m3")), GROUPS);

        assertThat(pairs.unpairedReason("m1")).contains(UnpairedReason.PARTNER_LEFT);
        assertThat(pairs.pairing().pairs()).singleElement().satisfies(p -> assertThat(p.members())
                .extracting(RosterMember::key).containsExactly("m2", "m3"));
        assertThat(pairs.departed()).extracting(CoursePairs.Departed::subject).containsExactly("c1", "c2");
        assertThat(pairs.departedPartnersOf("m1")).singleElement()
                .satisfies(d -> assertThat(d.displayName()).isEqualTo("Name c1"));
        assertThat(pairs.departedPartnersOf("m3")).extracting(CoursePairs.Departed::subject).containsExactly("c2");
    }

    @Test
    void learnersWithoutAKnownGroupAreListedApartFromThePairing() {
        CoursePairs pairs = CoursePairs.reconcile(Optional.empty(), List.of(on("m1"), on("new")), GROUPS);

        assertThat(pairs.groupUnknown()).extracting(CourseLearner::subject).containsExactly("new");
        assertThat(pairs.pairing().contains("new")).isFalse();
    }

    @Test
    void storesPairsNumberedInOrderThenTheUnpaired() {
        Pairing pairing = new Pairing(List.of(Pair.of(new RosterMember("m1", "M", MANAGER), new RosterMember("c1", "C", CLINICIAN))),
                List.of(new Pairing.Unpaired(new RosterMember("m2", "N", MANAGER), UnpairedReason.EVERY_PAIR_FULL)));

        List<PairingSeat> seats = CoursePairs.seats(pairing);

        assertThat(seats).extracting(PairingSeat::subject).containsExactly("m1", "c1", "m2");
        assertThat(seats).extracting(s -> s.pairNo().orElse(0)).containsExactly(1, 1, 0);
        assertThat(seats.get(2).unpairedReason()).contains("EVERY_PAIR_FULL");
        CoursePairs back = CoursePairs.reconcile(stored(seats.toArray(PairingSeat[]::new)),
                List.of(on("m1"), on("c1"), on("m2")), GROUPS);
        assertThat(back.pairing().pairs()).hasSize(1);
        assertThat(back.unpairedReason("m2")).contains(UnpairedReason.EVERY_PAIR_FULL);
    }
}
