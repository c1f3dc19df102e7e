package org.tandem.evaluation.control;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tandem.catalogue.entity.InstrumentIdentity;

/**
 * Every instrument answered in an evaluation scope, and the rules that pick one when an evaluator
 * names only part of it (or nothing): the evaluation shows one instrument at a time, and must find
 * the data wherever a course put it, not only in the starter instrument.
 */
public final class AnsweredInstruments {

    /** Most responses first; on a tie the newer version, then by id and content. */
    private static final Comparator<AnsweredInstrument> MOST_ANSWERED = Comparator
            .comparingLong(AnsweredInstrument::responses).reversed()
            .thenComparing(answered -> answered.identity().version(), Comparator.reverseOrder())
            .thenComparing(answered -> answered.identity().id())
            .thenComparing(answered -> answered.identity().contentHash());

    private final List<AnsweredInstrument> all;

    private AnsweredInstruments(List<AnsweredInstrument> all) {
        this.all = all;
    }

    public static AnsweredInstruments of(Collection<AnsweredInstrument> answered) {
        return new AnsweredInstruments(answered.stream().sorted(Comparator
                .comparing((AnsweredInstrument a) -> a.instrument().title())
                .thenComparing(a -> a.identity().id())
                .thenComparing(a -> a.identity().version(), Comparator.reverseOrder())
                .thenComparing(a -> a.identity().contentHash())).toList());
    }

    /** By title, then id, newest version first: the order an evaluator chooses from. */
    public List<AnsweredInstrument> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The instrument with the most responses: where the data most likely are. */
    public Optional<AnsweredInstrument> mostAnswered() {
        return all.stream().min(MOST_ANSWERED);
    }

    public Optional<AnsweredInstrument> find(InstrumentIdentity identity) {
        return all.stream().filter(answered -> answered.identity().equals(identity)).findFirst();
    }

    /** The newest version of {@code id} anyone answered. */
    public Optional<AnsweredInstrument> newest(String id) {
        return all.stream().filter(answered -> answered.identity().id().equals(id))
                .max(Comparator.comparingInt((AnsweredInstrument answered) -> answered.identity().version())
                        .thenComparing(MOST_ANSWERED.reversed()));
    }

    /**
     * Version {@code version} of {@code id}; where two contents share them (published before
     * Tandem refused that), the one whose content hash starts with {@code content}, else the more
     * answered one.
     */
    public Optional<AnsweredInstrument> version(String id, int version, Optional<String> content) {
        return all.stream().filter(answered -> answered.identity().is(id, version))
                .filter(answered -> content.map(prefix -> answered.identity().contentHash().startsWith(prefix)).orElse(true))
                .min(MOST_ANSWERED);
    }

    /** Whether another content was answered under this identity's id and version. */
    public boolean shared(InstrumentIdentity identity) {
        return all.stream().anyMatch(answered -> answered.identity().is(identity.id(), identity.version())
                && !answered.identity().equals(identity));
    }
}
