package org.tandem.evaluation.control;

import java.util.Locale;

/**
 * A result put into plain language for evaluators: direction, size and uncertainty, in that order,
 * never claiming more than the figures show. Sizes follow Cohen's conventional thresholds for
 * d_z (0.2 small, 0.5 medium, 0.8 large); uncertainty is whether the 95 % interval includes no
 * change. Readings describe the same learners at two times; they never say what brought a change
 * about.
 *
 * @param topic what the reading is about, e.g. "Trust: change from pre to post"
 * @param text  the reading
 */
public record Reading(String topic, String text) {

    private static final double ALPHA_ACCEPTABLE = 0.70;

    /** A result that is not shown or cannot be computed: the reading is the reason. */
    public static Reading of(String topic, Outcome<?> outcome) {
        return new Reading(topic, outcome.reason().orElseThrow(() -> new IllegalArgumentException("The outcome has a value")));
    }

    /** The change from {@code first} to {@code second} scores, e.g. from "pre" to "post". */
    public static Reading ofChange(String topic, PairedComparison comparison, String first, String second) {
        return new Reading(topic, paired(comparison, first, second, "change"));
    }

    /** A difference between two ratings by the same learners, e.g. retrospective then versus pre. */
    public static Reading ofDifference(String topic, PairedComparison comparison, String first, String second) {
        return new Reading(topic, paired(comparison, first, second, "difference"));
    }

    private static String paired(PairedComparison comparison, String first, String second, String noun) {
        if (!comparison.meanChange().defined()) {
            return comparison.meanChange().reason().orElseThrow();
        }
        double mean = comparison.meanChange().get();
        StringBuilder text = new StringBuilder();
        text.append(direction(mean, first, second)).append(" (mean ").append(noun).append(' ')
                .append(signed(mean)).append(" points, ").append(comparison.n())
                .append(comparison.n() == 1 ? " learner)." : " learners).");
        if (!comparison.dz().defined() || !comparison.changeInterval().defined()) {
            String reason = comparison.changeInterval().reason().orElse(comparison.dz().reason().orElse(""));
            return text.append(' ').append(reason).append(" This does not show a ").append(noun)
                    .append(" beyond these learners.").toString();
        }
        double dz = comparison.dz().get();
        Interval interval = comparison.changeInterval().get();
        text.append(" The average ").append(noun).append(" was ").append(size(dz)).append(" (d_z = ")
                .append(number(dz)).append(") and the 95 % interval (").append(number(interval.lower())).append(" to ")
                .append(number(interval.upper())).append(')');
        if (interval.includes(0)) {
            return text.append(" includes no ").append(noun).append("; this does not show a ").append(noun).append('.')
                    .toString();
        }
        return text.append(" excludes no ").append(noun).append(", so the ").append(second).append(" scores are likely ")
                .append(mean > 0 ? "higher" : "lower").append(" than the ").append(first)
                .append(" scores for learners like these. This compares the same learners at two times; on its own it")
                .append(" does not show why they differ.").toString();
    }

    private static String direction(double mean, String first, String second) {
        if (mean == 0) {
            return "On average the " + second + " scores were the same as the " + first + " scores";
        }
        return "On average the " + second + " scores were " + (mean > 0 ? "higher" : "lower") + " than the " + first + " scores";
    }

    /** Conventional size of a standardised mean difference. */
    static String size(double d) {
        double magnitude = Math.abs(d);
        if (magnitude < 0.2) {
            return "negligible";
        }
        if (magnitude < 0.5) {
            return "small";
        }
        return magnitude < 0.8 ? "medium" : "large";
    }

    /** Whether managers' and clinicians' scores changed differently. */
    public static Reading ofGroupDifference(String topic, GroupDifference difference) {
        if (!difference.difference().defined()) {
            return of(topic, difference.difference());
        }
        double managers = difference.managers().mean().get();
        double clinicians = difference.clinicians().mean().get();
        double gap = difference.difference().get();
        StringBuilder text = new StringBuilder("On average the managers' scores changed by ").append(signed(managers))
                .append(" points and the clinicians' by ").append(signed(clinicians)).append(" points, a difference of ")
                .append(signed(gap)).append(" points.");
        if (!difference.interval().defined()) {
            return new Reading(topic, text.append(' ').append(difference.interval().reason().orElseThrow())
                    .append(" This does not show that the groups changed differently.").toString());
        }
        Interval interval = difference.interval().get();
        text.append(" The 95 % interval of the difference (").append(number(interval.lower())).append(" to ")
                .append(number(interval.upper())).append(')');
        if (interval.includes(0)) {
            text.append(" includes no difference; this does not show that the groups changed differently.");
        } else {
            text.append(" excludes no difference: on average the ").append(gap > 0 ? "managers'" : "clinicians'")
                    .append(" scores changed more than the ").append(gap > 0 ? "clinicians'" : "managers'")
                    .append(". On its own this does not show why.");
        }
        return new Reading(topic, text.toString());
    }

    /** How well the items hang together (internal consistency). */
    public static Reading ofConsistency(String topic, CronbachAlpha alpha) {
        if (!alpha.alpha().defined()) {
            return of(topic, alpha.alpha());
        }
        double value = alpha.alpha().get();
        String text = "Cronbach's alpha is " + number(value) + " (" + alpha.items() + " items, " + alpha.respondents()
                + " learners who answered them all). ";
        text += value >= ALPHA_ACCEPTABLE
                ? "That meets the 0.70 usually expected of a scale: the items hang together."
                : "That is below the 0.70 usually expected of a scale: the items do not hang together well for these "
                        + "learners, so read these scores with caution.";
        return new Reading(topic, text);
    }

    /** The outlook item before and after. */
    public static Reading ofOutlook(String topic, OutlookTable table) {
        int n = table.n();
        if (n == 0) {
            return new Reading(topic, "No matched learner answered the outlook item both before and after.");
        }
        int same = table.unchanged();
        return new Reading(topic, n + (n == 1 ? " learner" : " learners") + " answered the outlook item before and after; "
                + same + " chose the same option both times and " + (n - same) + " a different one.");
    }

    /** A number as the readings show it: two decimals and a true minus sign. */
    static String number(double value) {
        String text = String.format(Locale.UK, "%.2f", value);
        // a tiny negative rounds to "-0.00", which would suggest a direction that is not there
        return text.equals("-0.00") ? "0.00" : text.replace('-', '\u2212');
    }

    /** A number with its sign always shown, for changes. */
    static String signed(double value) {
        return value > 0 ? "+" + number(value) : number(value);
    }
}
