package org.tandem.learning.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The pairs of a course and the members who are not in a pair, each with the reason. Immutable:
 * every manual edit returns a new pairing. Every roster member appears exactly once, either in one
 * pair or in the unpaired list.
 *
 * <h2>Automatic pairing ({@link #automatic})</h2>
 * <ol>
 *   <li>The roster is sorted by key and split into managers, clinicians and others (group
 *       {@code OTHER}); each group is shuffled with one {@code java.util.Random(seed)} (managers,
 *       then clinicians, then others), so the result depends only on the roster and the seed, not
 *       on the roster's order.</li>
 *   <li><b>Others balance:</b> members of group {@code OTHER} stand in on the smaller group's
 *       side until both sides are equal (or the others run out). Others never pair with each
 *       other, and when there are neither managers nor clinicians they all stay unpaired
 *       ({@link UnpairedReason#NO_MANAGER_OR_CLINICIAN}). A pair with a stand-in is not mixed, so
 *       it is listed in {@link #warnings()} for the trainer to look at.</li>
 *   <li>The i-th member of the manager side pairs with the i-th member of the clinician side.</li>
 *   <li><b>Surplus:</b> the rest of the larger side, then the others left after balancing, join the
 *       pairs as a third member, one per pair at most, in pair order (so trios are spread one per
 *       pair). Anyone left after every pair has a third member stays unpaired
 *       ({@link UnpairedReason#EVERY_PAIR_FULL}).</li>
 *   <li>With no pair at all (for example only managers) everyone stays unpaired with the reason
 *       that the other group is missing.</li>
 * </ol>
 * Examples: 3 managers + 3 clinicians give 3 pairs; 4 managers + 2 clinicians give 2 trios;
 * 5 managers alone give no pair and 5 unpaired members.
 *
 * <h2>Manual edits</h2>
 * Pairs are addressed by any of their members' keys. An edit is refused with
 * {@link PairingEditRefused} when a pair it changes or creates would end up without both a manager
 * and a clinician, unless the trainer passes {@code allowUnmixed = true}; pairs the edit does not
 * touch are not checked. A pair left with a single member is dissolved and that member becomes
 * unpaired ({@link UnpairedReason#PAIR_DISSOLVED}). Unknown keys and impossible edits throw
 * {@link IllegalArgumentException}.
 *
 * @param pairs    the pairs, in a stable order
 * @param unpaired the members in no pair, with the reason
 */
public record Pairing(List<Pair> pairs, List<Unpaired> unpaired) {

    /** Why a member is not in a pair. */
    public enum UnpairedReason {
        NO_CLINICIAN_TO_PAIR_WITH("no clinician (or member of another profession) on the roster to pair with"),
        NO_MANAGER_TO_PAIR_WITH("no manager (or member of another profession) on the roster to pair with"),
        NO_MANAGER_OR_CLINICIAN("no manager or clinician on the roster to pair with"),
        EVERY_PAIR_FULL("every pair already has a third member"),
        SPLIT_BY_TRAINER("the trainer split the pair"),
        UNPAIRED_BY_TRAINER("the trainer took the member out of the pair"),
        PAIR_DISSOLVED("the only partner left the pair"),
        NOT_PAIRED_YET("the trainer has not made pairs yet"),
        JOINED_AFTER_PAIRING("joined the course after the pairs were made"),
        PARTNER_LEFT("their partner left the course");

        private final String description;

        UnpairedReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A member in no pair, and why. */
    public record Unpaired(RosterMember member, UnpairedReason reason) {
        public Unpaired {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A pair that is not mixed. */
    public record Warning(Pair pair, ProfessionalGroup missing) {
        public Warning {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(missing, "missing");
        }

        public String message() {
            return "Pair " + pair.members().stream().map(RosterMember::displayName).toList()
                    + " has no " + missing.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Pairing {
        pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
        unpaired = List.copyOf(Objects.requireNonNull(unpaired, "unpaired"));
        Set<String> seen = new HashSet<>();
        for (Pair pair : pairs) {
            for (RosterMember m : pair.members()) {
                if (!seen.add(m.key())) {
                    throw new IllegalArgumentException("member appears more than once: " + m.key());
                }
            }
        }
        for (Unpaired u : unpaired) {
            if (!seen.add(u.member().key())) {
                throw new IllegalArgumentException("member appears more than once: " + u.member().key());
            }
        }
    }

    /** Balanced automatic pairing of a roster; see the class comment for the rule. */
    public static Pairing automatic(Collection<RosterMember> roster, long seed) {
        Objects.requireNonNull(roster, "roster");
        List<RosterMember> sorted = new ArrayList<>(roster);
        sorted.sort(Comparator.comparing(RosterMember::key));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
                throw new IllegalArgumentException("duplicate roster key: " + sorted.get(i).key());
            }
        }
        List<RosterMember> managers = ofGroup(sorted, ProfessionalGroup.MANAGER);
        List<RosterMember> clinicians = ofGroup(sorted, ProfessionalGroup.CLINICIAN);
        List<RosterMember> others = ofGroup(sorted, ProfessionalGroup.OTHER);
        Random random = new Random(seed);
        Collections.shuffle(managers, random);
        Collections.shuffle(clinicians, random);
        Collections.shuffle(others, random);

        List<Unpaired> unpaired = new ArrayList<>();
        if (managers.isEmpty() && clinicians.isEmpty()) {
            others.forEach(o -> unpaired.add(new Unpaired(o, UnpairedReason.NO_MANAGER_OR_CLINICIAN)));
            return new Pairing(List.of(), unpaired);
        }

        List<RosterMember> managerSide = new ArrayList<>(managers);
        List<RosterMember> clinicianSide = new ArrayList<>(clinicians);
        Deque<RosterMember> spareOthers = new ArrayDeque<>(others);
        List<RosterMember> smaller = managerSide.size() < clinicianSide.size() ? managerSide : clinicianSide;
        int gap = Math.abs(managerSide.size() - clinicianSide.size());
        for (int i = 0; i < gap && !spareOthers.isEmpty(); i++) {
            smaller.add(spareOthers.removeFirst());
        }

        int pairCount = Math.min(managerSide.size(), clinicianSide.size());
        if (pairCount == 0) {
            UnpairedReason reason = managerSide.isEmpty()
                    ? UnpairedReason.NO_MANAGER_TO_PAIR_WITH : UnpairedReason.NO_CLINICIAN_TO_PAIR_WITH;
            managerSide.forEach(m -> unpaired.add(new Unpaired(m, reason)));
            clinicianSide.forEach(c -> unpaired.add(new Unpaired(c, reason)));
            // spareOthers is empty here: with one side empty the gap took every other
            return new Pairing(List.of(), unpaired);
        }

        List<List<RosterMember>> groups = new ArrayList<>();
        for (int i = 0; i < pairCount; i++) {
            groups.add(new ArrayList<>(List.of(managerSide.get(i), clinicianSide.get(i))));
        }
        List<RosterMember> surplus = new ArrayList<>();
        surplus.addAll(managerSide.subList(pairCount, managerSide.size()));
        surplus.addAll(clinicianSide.subList(pairCount, clinicianSide.size()));
        surplus.addAll(spareOthers);
        for (int i = 0; i < surplus.size(); i++) {
            if (i < pairCount) {
                groups.get(i).add(surplus.get(i));
            } else {
                unpaired.add(new Unpaired(surplus.get(i), UnpairedReason.EVERY_PAIR_FULL));
            }
        }
        return new Pairing(groups.stream().map(Pair::new).toList(), unpaired);
    }

    private static List<RosterMember> ofGroup(List<RosterMember> members, ProfessionalGroup group) {
        return new ArrayList<>(members.stream().filter(m -> m.group() == group).toList());
    }

    // ---------------------------------------------------------------- queries

    /** Everyone in this pairing: pair members in pair order, then the unpaired. */
    public List<RosterMember> members() {
        List<RosterMember> all = new ArrayList<>();
        pairs.forEach(p -> all.addAll(p.members()));
        unpaired.forEach(u -> all.add(u.member()));
        return List.copyOf(all);
    }

    /** The pair the member is in; empty when unpaired or unknown. */
    public Optional<Pair> pairOf(String key) {
        return pairs.stream().filter(p -> p.contains(key)).findFirst();
    }

    /** The member's partner(s): one for a pair, two for a trio, none when unpaired or unknown. */
    public List<RosterMember> partnerOf(String key) {
        return pairOf(key).map(p -> p.partnersOf(key)).orElse(List.of());
    }

    /** Whether the member is in this pairing (paired or unpaired). */
    public boolean contains(String key) {
        return findMember(key).isPresent();
    }

    /** One warning per pair and missing group for every pair that is not mixed. */
    public List<Warning> warnings() {
        List<Warning> warnings = new ArrayList<>();
        for (Pair pair : pairs) {
            if (!pair.has(ProfessionalGroup.MANAGER)) {
                warnings.add(new Warning(pair, ProfessionalGroup.MANAGER));
            }
            if (!pair.has(ProfessionalGroup.CLINICIAN)) {
                warnings.add(new Warning(pair, ProfessionalGroup.CLINICIAN));
            }
        }
        return List.copyOf(warnings);
    }

    // ---------------------------------------------------------------- edits

    /** Moves a member (paired or unpaired) into the pair of {@code partnerKey}; must stay mixed. */
    public Pairing move(String key, String partnerKey) {
        return move(key, partnerKey, false);
    }

    /** Moves a member (paired or unpaired) into the pair of {@code partnerKey}. */
    public Pairing move(String key, String partnerKey, boolean allowUnmixed) {
        RosterMember member = require(key);
        require(partnerKey);
        Pair target = pairOf(partnerKey).orElseThrow(
                () -> new IllegalArgumentException(partnerKey + " is not in a pair; create a pair instead"));
        if (target.contains(key)) {
            throw new IllegalArgumentException(key + " is already in that pair");
        }
        Edit edit = new Edit(this);
        edit.takeOut(key, UnpairedReason.PAIR_DISSOLVED);
        List<RosterMember> grown = new ArrayList<>(target.members());
        grown.add(member);
        edit.replace(target, new Pair(grown));
        return edit.finish(allowUnmixed);
    }

    /** Splits the pair containing {@code key}: all its members become unpaired. Always allowed. */
    public Pairing split(String key) {
        require(key);
        Pair pair = pairOf(key).orElseThrow(() -> new IllegalArgumentException(key + " is not in a pair"));
        Edit edit = new Edit(this);
        edit.dissolve(pair, UnpairedReason.SPLIT_BY_TRAINER);
        return edit.finish(true);
    }

    /** Makes a new pair of two unpaired members; must be mixed. */
    public Pairing createPair(String firstKey, String secondKey) {
        return createPair(firstKey, secondKey, false);
    }

    /** Makes a new pair of two unpaired members. */
    public Pairing createPair(String firstKey, String secondKey, boolean allowUnmixed) {
        RosterMember first = require(firstKey);
        RosterMember second = require(secondKey);
        if (firstKey.equals(secondKey)) {
            throw new IllegalArgumentException("a pair needs two different members");
        }
        for (String k : List.of(firstKey, secondKey)) {
            if (pairOf(k).isPresent()) {
                throw new IllegalArgumentException(k + " is already in a pair; move or unpair them first");
            }
        }
        Edit edit = new Edit(this);
        edit.unpaired.removeIf(u -> u.member().key().equals(firstKey) || u.member().key().equals(secondKey));
        Pair created = Pair.of(first, second);
        edit.pairs.add(created);
        edit.touched.add(created);
        return edit.finish(allowUnmixed);
    }

    /** Takes a member out of their pair into the unpaired list; the pair must stay mixed. */
    public Pairing unpair(String key) {
        return unpair(key, false);
    }

    /** Takes a member out of their pair into the unpaired list. */
    public Pairing unpair(String key, boolean allowUnmixed) {
        RosterMember member = require(key);
        if (pairOf(key).isEmpty()) {
            throw new IllegalArgumentException(key + " is not in a pair");
        }
        Edit edit = new Edit(this);
        edit.takeOut(key, UnpairedReason.PAIR_DISSOLVED);
        edit.unpaired.add(new Unpaired(member, UnpairedReason.UNPAIRED_BY_TRAINER));
        return edit.finish(allowUnmixed);
    }

    /** Removes a member from the pairing altogether (e.g. they left the course); pair must stay mixed. */
    public Pairing remove(String key) {
        return remove(key, false);
    }

    /** Removes a member from the pairing altogether (e.g. they left the course). */
    public Pairing remove(String key, boolean allowUnmixed) {
        require(key);
        Edit edit = new Edit(this);
        edit.takeOut(key, UnpairedReason.PAIR_DISSOLVED);
        return edit.finish(allowUnmixed);
    }

    private Optional<RosterMember> findMember(String key) {
        return members().stream().filter(m -> m.key().equals(key)).findFirst();
    }

    private RosterMember require(String key) {
        Objects.requireNonNull(key, "key");
        return findMember(key).orElseThrow(() -> new IllegalArgumentException("not on the roster: " + key));
    }

    /** Mutable working copy for one edit; checks the pairs it touched. */
    private static final class Edit {
        final List<Pair> pairs;
        final List<Unpaired> unpaired;
        final List<Pair> touched = new ArrayList<>();

        Edit(Pairing from) {
            pairs = new ArrayList<>(from.pairs);
            unpaired = new ArrayList<>(from.unpaired);
        }

        /** Removes the member from wherever they are; a pair left with one member is dissolved. */
        void takeOut(String key, UnpairedReason reasonForLoneMember) {
            if (unpaired.removeIf(u -> u.member().key().equals(key))) {
                return;
            }
            for (Pair pair : List.copyOf(pairs)) {
                if (pair.contains(key)) {
                    List<RosterMember> rest = pair.members().stream().filter(m -> !m.key().equals(key)).toList();
                    if (rest.size() >= 2) {
                        replace(pair, new Pair(rest));
                    } else {
                        pairs.remove(pair);
                        touched.remove(pair);
                        rest.forEach(m -> unpaired.add(new Unpaired(m, reasonForLoneMember)));
                    }
                    return;
                }
            }
        }

        void replace(Pair old, Pair replacement) {
            int index = indexOf(old);
            pairs.set(index, replacement);
            touched.remove(old);
            touched.add(replacement);
        }

        void dissolve(Pair pair, UnpairedReason reason) {
            pairs.remove(indexOf(pair));
            touched.remove(pair);
            pair.members().forEach(m -> unpaired.add(new Unpaired(m, reason)));
        }

        private int indexOf(Pair pair) {
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i) == pair || pairs.get(i).equals(pair)) {
                    return i;
                }
            }
            throw new IllegalStateException("pair not found");
        }

        Pairing finish(boolean allowUnmixed) {
            if (!allowUnmixed) {
                for (Pair pair : touched) {
                    if (!pair.isMixed()) {
                        List<String> names = pair.members().stream().map(RosterMember::displayName).toList();
                        throw new PairingEditRefused("the edit would leave "
                                + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                                + " without both a manager and a clinician");
                    }
                }
            }
            return new Pairing(pairs, unpaired);
        }
    }
}
