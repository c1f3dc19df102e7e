package org.tandem.gradebook.entity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Which of a learner's completed attempts a column grades, as Moodle Lesson's "handling of
 * re-takes" lets a teacher choose. Highest by default: a replay to explore another path must
 * never lower a grade already earned.
 */
public enum AttemptPolicy {
    /** The best result; of equal results the earliest, so an equal replay sends nothing new. */
    HIGHEST,
    /** The most recent result, lower or not. */
    LATEST,
    /** The first completed attempt; later ones are practice. */
    FIRST;

    /**
     * The attempt this policy grades.
     *
     * @param oldestFirst a learner's completed attempts in the order they were completed
     * @param result      the result of one attempt, in [0, 1]
     */
    public <T> Optional<T> choose(List<T> oldestFirst, ToDoubleFunction<T> result) {
        if (oldestFirst.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case FIRST -> Optional.of(oldestFirst.get(0));
            case LATEST -> Optional.of(oldestFirst.get(oldestFirst.size() - 1));
            case HIGHEST -> {
                T best = oldestFirst.get(0);
                for (T each : oldestFirst) {
                    if (result.applyAsDouble(each) > result.applyAsDouble(best)) {
                        best = each;
                    }
                }
                yield Optional.of(best);
            }
        };
    }

    public static Optional<AttemptPolicy> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "highest" -> Optional.of(HIGHEST);
            case "latest" -> Optional.of(LATEST);
            case "first" -> Optional.of(FIRST);
            default -> Optional.empty();
        };
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
