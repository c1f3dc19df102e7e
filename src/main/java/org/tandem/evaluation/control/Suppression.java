package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that keeps small groups from being shown: a figure computed over fewer learners than
 * {@link #minimum()} is withheld, with a reason, in the report and everything built on it (pages,
 * charts, exports).
 * <p>
 * The minimum defaults to 8, as NHS reporting practice does for means, and may be configured but
 * never below 5. A smaller value is refused rather than clamped: a configuration asking for less
 * protection than the policy allows is a mistake to surface at start-up, and quietly reporting at
 * a different minimum than the one configured would mislead whoever reads the report.
 * <p>
 * Withholding one small group is not enough when the overall figure is shown: overall mean and n
 * minus the other groups' would give the small group's mean back. So, as statistical disclosure
 * control does for tables with totals, when the withheld groups together hold fewer learners than
 * the minimum, the smallest shown group is withheld as well, until they hold at least the minimum
 * or nothing is left to withhold.
 */
public record Suppression(int minimum) {

    public static final int DEFAULT_MINIMUM = 8;
    public static final int FLOOR = 5;

    public Suppression {
        if (minimum < FLOOR) {
            throw new IllegalArgumentException("The minimum group size for reporting is at least " + FLOOR + "; " + minimum
                    + " was configured");
        }
    }

    public static Suppression standard() {
        return new Suppression(DEFAULT_MINIMUM);
    }

    /** Whether a figure over {@code n} learners may be shown on its own account. */
    public boolean allows(int n) {
        return n >= minimum;
    }

    /**
     * Why a figure over fewer learners than the minimum is withheld. The exact number is left
     * out: it is itself a small count.
     */
    public String reason(String learners) {
        return "Suppressed: fewer than " + minimum + " " + learners + " (the minimum for reporting is " + minimum + ").";
    }

    /**
     * A count as it may be shown: exact from the minimum up and at zero, otherwise "fewer than 8"
     * (with the configured minimum). How many learners declined consent, answered only before or
     * answered at all is a small group of people too.
     */
    public String count(long n) {
        return n == 0 || n >= minimum ? Long.toString(n) : "fewer than " + minimum;
    }

    /**
     * Which cohorts' figures to withhold, and why, given how many learners each figure is
     * computed over. Cohorts absent from the answer are shown.
     *
     * @param counts   learners per cohort; {@link Cohort#ALL} and each group (missing ones count 0)
     * @param learners what the learners are, for the reason, e.g. "matched learners"
     */
    public Map<Cohort, String> withheld(Map<Cohort, Integer> counts, String learners) {
        Map<Cohort, String> withheld = new EnumMap<>(Cohort.class);
        int all = counts.getOrDefault(Cohort.ALL, 0);
        if (!allows(all)) {
            for (Cohort cohort : Cohort.values()) {
                withheld.put(cohort, reason(learners));
            }
            return withheld;
        }
        int hidden = 0;
        List<Cohort> shown = new ArrayList<>();
        for (Cohort cohort : Cohort.values()) {
            if (cohort == Cohort.ALL) {
                continue;
            }
            int n = counts.getOrDefault(cohort, 0);
            if (n > 0 && !allows(n)) {
                withheld.put(cohort, reason(learners));
                hidden += n;
            } else if (n > 0) {
                shown.add(cohort);
            }
        }
        shown.sort(Comparator.comparingInt(cohort -> counts.getOrDefault(cohort, 0)));
        for (Cohort next : shown) {
            if (hidden == 0 || allows(hidden)) {
                break;
            }
            withheld.put(next, "Suppressed: shown alongside the figures for all learners, these would reveal the results "
                    + "of a group too small to report.");
            hidden += counts.get(next);
        }
        return withheld;
    }
}
