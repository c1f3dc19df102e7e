package org.tandem.paired.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pair;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.paired.entity.PairSession.Seating;

/**
 * Seats a learner from the course pairs: each partner in the other's seat (the manager in the
 * clinician's, the clinician in the manager's). In a trio the first two by the pair's order, a
 * manager with a clinician where the trio has both, play together and the third plays solo; an
 * unpaired learner plays solo. Two partners of one group (a stand-in pairing) are seated by name:
 * the first in the clinician's seat.
 */
public final class Seats {

    private Seats() {
    }

    public static Seating of(CoursePairs pairs, String subject, ProfessionalGroup ownGroup) {
        Optional<Pair> pair = pairs.pairing().pairs().stream().filter(p -> p.contains(subject)).findFirst();
        if (pair.isEmpty()) {
            return Seating.solo(subject);
        }
        List<RosterMember> duo = duo(pair.get());
        if (duo.stream().noneMatch(m -> m.key().equals(subject))) {
            return Seating.solo(subject);
        }
        RosterMember a = duo.get(0);
        RosterMember b = duo.get(1);
        // a sits in the clinician's seat when a is a manager, or when b is a clinician, or by name
        boolean aClinicianSeat = a.group() == ProfessionalGroup.MANAGER || b.group() == ProfessionalGroup.CLINICIAN
                || (a.group() != ProfessionalGroup.CLINICIAN && b.group() != ProfessionalGroup.MANAGER);
        return aClinicianSeat ? new Seating(b.key(), a.key(), false) : new Seating(a.key(), b.key(), false);
    }

    /** The two of a pair who play together: a manager and a clinician if the pair has both, else the first two by name. */
    static List<RosterMember> duo(Pair pair) {
        List<RosterMember> members = new ArrayList<>(pair.members());
        members.sort(Comparator.comparing(RosterMember::displayName).thenComparing(RosterMember::key));
        Optional<RosterMember> manager = members.stream().filter(m -> m.group() == ProfessionalGroup.MANAGER).findFirst();
        Optional<RosterMember> clinician = members.stream().filter(m -> m.group() == ProfessionalGroup.CLINICIAN).findFirst();
        if (manager.isPresent() && clinician.isPresent()) {
            return List.of(manager.get(), clinician.get());
        }
        return members.subList(0, 2);
    }
}
