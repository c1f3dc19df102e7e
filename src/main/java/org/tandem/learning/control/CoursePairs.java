package org.tandem.learning.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tandem.learning.control.Pairing.Unpaired;
import org.tandem.learning.control.Pairing.UnpairedReason;
import org.tandem.learning.entity.CourseLearner;
import org.tandem.learning.entity.CoursePairing;
import org.tandem.learning.entity.PairingSeat;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * A course's pairs as they stand now: the stored pairing reconciled with the current roster.
 * Learners who joined since the pairs were made are unpaired ("joined after the pairs were made"),
 * learners who left are taken out of their pair and listed as departed, and a learner whose only
 * partner left is unpaired ("their partner left the course"). Learners whose professional group is
 * not known yet (they have not opened Tandem) are listed apart: pairing needs the group.
 *
 * @param pairing      the pairs and the unpaired among the current learners with a known group
 * @param departed     members of the stored pairing who are no longer learners on the course
 * @param groupUnknown current learners who have not told Tandem their professional group yet
 * @param version      the stored pairing's version, 0 when no pairs were ever made
 */
public record CoursePairs(Pairing pairing, List<Departed> departed, List<CourseLearner> groupUnknown, int version,
                          Optional<Instant> updatedAt, Optional<String> updatedBy) {

    /** Someone who was in the stored pairing and has left the course, with the partners they had. */
    public record Departed(String subject, String displayName, Set<String> formerPartners) {
    }

    public CoursePairs {
        departed = List.copyOf(departed);
        groupUnknown = List.copyOf(groupUnknown);
    }

    /** Whether a trainer has made pairs in this course. */
    public boolean made() {
        return version > 0;
    }

    /** The partners who left this learner's pair (for "your partner has left the course"). */
    public List<Departed> departedPartnersOf(String subject) {
        return departed.stream().filter(d -> d.formerPartners().contains(subject)).toList();
    }

    /** Why this learner is unpaired, or empty when paired or not in the pairing. */
    public Optional<UnpairedReason> unpairedReason(String subject) {
        return pairing.unpaired().stream().filter(u -> u.member().key().equals(subject)).map(Unpaired::reason).findFirst();
    }

    /**
     * Reconciles the stored pairing (if any) with the course's learners now and their groups.
     *
     * @param stored   the stored pairing, empty when no pairs were made
     * @param learners every learner of the course the roster knows, departed ones included
     * @param groups   the professional group of each learner who has told Tandem
     */
    public static CoursePairs reconcile(Optional<CoursePairing> stored, List<CourseLearner> learners,
                                        Map<String, ProfessionalGroup> groups) {
        Map<String, CourseLearner> bySubject = learners.stream()
                .collect(Collectors.toMap(CourseLearner::subject, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, RosterMember> pairable = new LinkedHashMap<>();
        List<CourseLearner> groupUnknown = new ArrayList<>();
        learners.stream().filter(CourseLearner::current).sorted(Comparator.comparing(CourseLearner::displayName))
                .forEach(l -> {
                    ProfessionalGroup group = groups.get(l.subject());
                    if (group == null) {
                        groupUnknown.add(l);
                    } else {
                        pairable.put(l.subject(), new RosterMember(l.subject(), l.displayName(), group));
                    }
                });
        if (stored.isEmpty()) {
            List<Unpaired> everyone = pairable.values().stream()
                    .map(m -> new Unpaired(m, UnpairedReason.NOT_PAIRED_YET)).toList();
            return new CoursePairs(new Pairing(List.of(), everyone), List.of(), groupUnknown, 0, Optional.empty(),
                    Optional.empty());
        }
        CoursePairing pairing = stored.get();
        Map<Integer, List<String>> pairs = new TreeMap<>();
        Map<String, String> unpairedSeats = new LinkedHashMap<>();
        for (PairingSeat seat : pairing.seats()) {
            if (seat.pairNo().isPresent()) {
                pairs.computeIfAbsent(seat.pairNo().get(), n -> new ArrayList<>()).add(seat.subject());
            } else {
                unpairedSeats.put(seat.subject(), seat.unpairedReason().orElse(UnpairedReason.NOT_PAIRED_YET.name()));
            }
        }
        Set<String> placed = new LinkedHashSet<>();
        List<Pair> kept = new ArrayList<>();
        List<Unpaired> unpaired = new ArrayList<>();
        List<Departed> departed = new ArrayList<>();
        for (List<String> subjects : pairs.values()) {
            List<RosterMember> present = new ArrayList<>();
            for (String subject : subjects) {
                if (pairable.containsKey(subject)) {
                    present.add(pairable.get(subject));
                } else if (!isCurrent(bySubject, subject)) {
                    Set<String> partners = new LinkedHashSet<>(subjects);
                    partners.remove(subject);
                    departed.add(new Departed(subject, name(bySubject, subject), partners));
                }
            }
            present.forEach(m -> placed.add(m.key()));
            if (present.size() >= 2) {
                kept.add(new Pair(present));
            } else if (present.size() == 1) {
                unpaired.add(new Unpaired(present.get(0), UnpairedReason.PARTNER_LEFT));
            }
        }
        unpairedSeats.forEach((subject, reason) -> {
            if (pairable.containsKey(subject)) {
                placed.add(subject);
                unpaired.add(new Unpaired(pairable.get(subject), reason(reason)));
            } else if (!isCurrent(bySubject, subject)) {
                departed.add(new Departed(subject, name(bySubject, subject), Set.of()));
            }
        });
        pairable.values().stream().filter(m -> !placed.contains(m.key()))
                .forEach(m -> unpaired.add(new Unpaired(m, UnpairedReason.JOINED_AFTER_PAIRING)));
        return new CoursePairs(new Pairing(kept, unpaired), departed, groupUnknown, pairing.version(),
                Optional.of(pairing.updatedAt()), pairing.updatedBy());
    }

    /** The seats to store for a pairing: pairs numbered from 1 in their order, then the unpaired with their reasons. */
    public static List<PairingSeat> seats(Pairing pairing) {
        List<PairingSeat> seats = new ArrayList<>();
        for (int i = 0; i < pairing.pairs().size(); i++) {
            for (RosterMember m : pairing.pairs().get(i).members()) {
                seats.add(PairingSeat.paired(m.key(), i + 1));
            }
        }
        for (Unpaired u : pairing.unpaired()) {
            seats.add(PairingSeat.unpaired(u.member().key(), u.reason().name()));
        }
        return seats;
    }

    private static boolean isCurrent(Map<String, CourseLearner> bySubject, String subject) {
        CourseLearner learner = bySubject.get(subject);
        return learner != null && learner.current();
    }

    private static String name(Map<String, CourseLearner> bySubject, String subject) {
        CourseLearner learner = bySubject.get(subject);
        return learner == null ? subject : learner.displayName();
    }

    /** A stored reason; one a newer Tandem no longer knows reads as "not paired yet" rather than failing the page. */
    private static UnpairedReason reason(String name) {
        try {
            return UnpairedReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return UnpairedReason.NOT_PAIRED_YET;
        }
    }
}
