package org.tandem.learning.control;

import java.util.Optional;

/**
 * One manual change a trainer makes to the pairs. Before {@link Pairing} sees it, each edit is
 * checked here so a refusal says in the trainer's words (with names, not ids) why it was not made.
 */
public sealed interface PairingEdit {

    String UNMIXED_HINT = " Tick \u201cAllow a pair without both a manager and a clinician\u201d to make it anyway.";

    /** The new pairing; throws {@link PairingEditRefused} with the reason for the trainer. */
    Pairing applyTo(Pairing pairing);

    /** Puts a learner (paired or not) into the pair of {@code partner}. */
    record Move(String member, String partner, boolean allowUnmixed) implements PairingEdit {
        @Override
        public Pairing applyTo(Pairing pairing) {
            RosterMember m = known(pairing, member);
            RosterMember p = known(pairing, partner);
            if (m.key().equals(p.key())) {
                throw new PairingEditRefused("Choose two different learners: " + m.displayName() + " cannot join their own pair.");
            }
            Optional<Pair> target = pairing.pairOf(p.key());
            if (target.isEmpty()) {
                throw new PairingEditRefused(p.displayName() + " is not in a pair, so there is no pair to move "
                        + m.displayName() + " into. Create a pair of the two instead.");
            }
            if (target.get().contains(m.key())) {
                throw new PairingEditRefused(m.displayName() + " is already in the pair with " + p.displayName() + ".");
            }
            return mixedOrRefused(() -> pairing.move(m.key(), p.key(), allowUnmixed));
        }
    }

    /** Dissolves the pair of {@code member}: everyone in it becomes unpaired. */
    record Split(String member) implements PairingEdit {
        @Override
        public Pairing applyTo(Pairing pairing) {
            RosterMember m = known(pairing, member);
            if (pairing.pairOf(m.key()).isEmpty()) {
                throw new PairingEditRefused(m.displayName() + " is not in a pair, so there is nothing to split.");
            }
            return pairing.split(m.key());
        }
    }

    /** Makes a new pair of two unpaired learners. */
    record CreatePair(String first, String second, boolean allowUnmixed) implements PairingEdit {
        @Override
        public Pairing applyTo(Pairing pairing) {
            RosterMember a = known(pairing, first);
            RosterMember b = known(pairing, second);
            if (a.key().equals(b.key())) {
                throw new PairingEditRefused("A pair needs two different learners; " + a.displayName() + " was chosen twice.");
            }
            for (RosterMember m : new RosterMember[] {a, b}) {
                if (pairing.pairOf(m.key()).isPresent()) {
                    throw new PairingEditRefused(m.displayName() + " is already in a pair. Take them out of it first, or"
                            + " move them into the other learner's pair.");
                }
            }
            return mixedOrRefused(() -> pairing.createPair(a.key(), b.key(), allowUnmixed));
        }
    }

    /** Takes one learner out of their pair. */
    record Unpair(String member, boolean allowUnmixed) implements PairingEdit {
        @Override
        public Pairing applyTo(Pairing pairing) {
            RosterMember m = known(pairing, member);
            if (pairing.pairOf(m.key()).isEmpty()) {
                throw new PairingEditRefused(m.displayName() + " is not in a pair.");
            }
            return mixedOrRefused(() -> pairing.unpair(m.key(), allowUnmixed));
        }
    }

    private static RosterMember known(Pairing pairing, String key) {
        if (key == null || key.isBlank()) {
            throw new PairingEditRefused("Choose a learner first.");
        }
        return pairing.members().stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new PairingEditRefused("One of the learners chosen is not on the course's roster any more"
                        + " (or has not told Tandem their professional group yet). Nothing was changed; the page now shows"
                        + " the roster as it is."));
    }

    private static Pairing mixedOrRefused(java.util.function.Supplier<Pairing> edit) {
        try {
            return edit.get();
        } catch (PairingEditRefused e) {
            String reason = e.getMessage();
            throw new PairingEditRefused("Not done: " + reason + "." + UNMIXED_HINT);
        }
    }
}
