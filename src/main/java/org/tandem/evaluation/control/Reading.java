package org.tandem.evaluation.control;

import java.util.Locale;
import org.tandem.catalogue.entity.Scale;

/**
 * A result put into plain language for evaluators: direction and size in the scale's own points,
 * a conventional size word, and uncertainty, in that order, never claiming more than the figures
 * show. The size word comes from Hedges' g_av with Cohen's conventional thresholds (0.2 small,
 * 0.5 medium, 0.8 large): g_av compares the change with how much learners differ from each other,
 * as published studies do, where d_z (given beside it) grows with how consistently learners moved
 * and so reads "large" for changes of a fraction of a point. Uncertainty is where the 95 % interval
 * lies: wholly above zero, wholly below, or across it, said plainly. Readings describe the same
 * learners at two times; they never say what brought a change about.
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

    /** The change from {@code first} to {@code second} scores, e.g. from "pre" to "post", on {@code scale}. */
    public static Reading ofChange(String topic, PairedComparison comparison, String first, String second, Scale scale) {
        return new Reading(topic, paired(comparison, first, second, "change", scale));
    }

    /** A difference between two ratings by the same learners, e.g. retrospective then versus pre. */
    public static Reading ofDifference(String topic, PairedComparison comparison, String first, String second, Scale scale) {
        return new Reading(topic, paired(comparison, first, second, "difference", scale));
    }

    private static String paired(PairedComparison comparison, String first, String second, String noun, Scale scale) {
        if (!comparison.meanChange().defined()) {
            return comparison.meanChange().reason().orElseThrow();
        }
        double mean = comparison.meanChange().get();
        StringBuilder text = new StringBuilder();
        text.append(direction(mean, first, second)).append(": a mean ").append(noun).append(" of ").append(points(mean, scale))
                .append(" (").append(comparison.n()).append(comparison.n() == 1 ? " learner)." : " learners).");
        if (!comparison.dz().defined() || !comparison.changeInterval().defined()) {
            String reason = comparison.changeInterval().reason().orElse(comparison.dz().reason().orElse(""));
            return text.append(' ').append(reason).append(" This does not show a ").append(noun)
                    .append(" beyond these learners.").toString();
        }
        double dz = comparison.dz().get();
        if (comparison.gav().defined()) {
            double gav = comparison.gav().get();
            text.append(" Its size is ").append(size(gav)).append(" (g_av = ").append(number(gav)).append("; d_z = ")
                    .append(number(dz)).append(").");
        } else {
            text.append(" Its size is not put in words: ").append(comparison.gav().reason().orElse("")).append(" (d_z = ")
                    .append(number(dz)).append(").");
        }
        Interval interval = comparison.changeInterval().get();
        String range = " (" + signed(interval.lower()) + " to " + signed(interval.upper()) + ")";
        if (interval.includes(0)) {
            return text.append(" The 95 % interval").append(range).append(" includes zero, so these data do not show a ")
                    .append(noun).append(" either way.").toString();
        }
        return text.append(" The whole 95 % interval").append(range).append(" is ").append(mean > 0 ? "above" : "below")
                .append(" zero: the ").append(second).append(" scores are likely ").append(mean > 0 ? "higher" : "lower")
                .append(" than the ").append(first).append(" scores for learners like these. This compares the same learners ")
                .append("at two times; on its own it does not show why they differ.").toString();
    }

    /** A change in the scale's points, e.g. "+0.31 points on the 1–5 scale". */
    static String points(double change, Scale scale) {
        return signed(change) + (Math.abs(change) == 1 ? " point" : " points") + " on the " + scale.min() + "\u2013"
                + scale.max() + " scale";
    }

    private static String direction(double mean, String first, String second) {
        if (mean == 0) {
            return "On average the " + second + " scores were the same as the " + first + " scores";
        }
        return "On average the " + second + " scores were " + (mean > 0 ? "higher" : "lower") + " than the " + first + " scores";
    }

    /** Cohen's conventional word for the size of a standardised mean difference such as g_av. */
    public static String size(double d) {
        double magnitude = Math.abs(d);
        if (magnitude < 0.2) {
            return "negligible";
        }
        if (magnitude < 0.5) {
            return "small";
        }
        return magnitude < 0.8 ? "medium" : "large";
    }

    /** Whether managers' and clinicians' scores changed differently, in the points of {@code scale}. */
    public static Reading ofGroupDifference(String topic, GroupDifference difference, Scale scale) {
        if (!difference.difference().defined()) {
            return of(topic, difference.difference());
        }
        double managers = difference.managers().mean().get();
        double clinicians = difference.clinicians().mean().get();
        double gap = difference.difference().get();
        StringBuilder text = new StringBuilder("On average the managers' scores changed by ").append(signed(managers))
                .append(" points and the clinicians' by ").append(signed(clinicians)).append(" points, a difference of ")
                .append(points(gap, scale)).append('.');
        if (!difference.interval().defined()) {
            return new Reading(topic, text.append(' ').append(difference.interval().reason().orElseThrow())
                    .append(" This does not show that the groups changed differently.").toString());
        }
        Interval interval = difference.interval().get();
        String range = " (" + signed(interval.lower()) + " to " + signed(interval.upper()) + ")";
        if (interval.includes(0)) {
            text.append(" The 95 % interval of the difference").append(range)
                    .append(" includes zero, so these data do not show that the groups changed differently.");
        } else {
            text.append(" The whole 95 % interval of the difference").append(range).append(" is ").append(gap > 0 ? "above" : "below")
                    .append(" zero: on average the ").append(gap > 0 ? "managers'" : "clinicians'")
                    .append(" scores rose more, or fell less, than the ").append(gap > 0 ? "clinicians'" : "managers'")
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
