package org.tandem.learning.control;

import java.util.List;
import java.util.Objects;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * A pair (or trio) of learners who train together. A pair is <em>mixed</em> when it has at least
 * one manager and at least one clinician; automatic pairing only makes pairs that are mixed or in
 * which a member of another profession stands in for the missing side (see {@link Pairing}).
 *
 * @param members the members, at least two, each key once
 */
public record Pair(List<RosterMember> members) {

    public Pair {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        if (members.size() < 2) {
            throw new IllegalArgumentException("a pair needs at least two members, got " + members.size());
        }
        if (members.stream().map(RosterMember::key).distinct().count() != members.size()) {
            throw new IllegalArgumentException("a member appears twice in one pair");
        }
    }

    public static Pair of(RosterMember... members) {
        return new Pair(List.of(members));
    }

    public boolean contains(String key) {
        return members.stream().anyMatch(m -> m.key().equals(key));
    }

    public boolean has(ProfessionalGroup group) {
        return members.stream().anyMatch(m -> m.group() == group);
    }

    /** At least one manager and at least one clinician. */
    public boolean isMixed() {
        return has(ProfessionalGroup.MANAGER) && has(ProfessionalGroup.CLINICIAN);
    }

    public int size() {
        return members.size();
    }

    /** The other members of this pair; empty if {@code key} is not in it. */
    public List<RosterMember> partnersOf(String key) {
        if (!contains(key)) {
            return List.of();
        }
        return members.stream().filter(m -> !m.key().equals(key)).toList();
    }
}
