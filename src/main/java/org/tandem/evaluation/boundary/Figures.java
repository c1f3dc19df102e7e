package org.tandem.evaluation.boundary;

import java.util.List;
import java.util.Locale;
import org.tandem.evaluation.control.Interval;
import org.tandem.evaluation.control.Outcome;
import org.tandem.evaluation.control.SignedRankResult;

/**
 * Numbers as evaluation pages show them: two decimals for scores and effect sizes, three for
 * p-values (below 0.001 as "< 0.001"), a true minus sign that screen readers say as "minus", and
 * "n/a" where the data cannot give a figure (the readings say why).
 */
final class Figures {

    static final String NOT_AVAILABLE = "n/a";

    private Figures() {
    }

    static String number(double value) {
        return decimals(value, 2);
    }

    static String number(Outcome<Double> value) {
        return value.defined() ? number(value.get()) : NOT_AVAILABLE;
    }

    /** A change, with its sign always shown. */
    static String signed(double value) {
        String text = number(value);
        return value > 0 && !text.equals("0.00") ? "+" + text : text;
    }

    static String signed(Outcome<Double> value) {
        return value.defined() ? signed(value.get()) : NOT_AVAILABLE;
    }

    static String meanSd(Outcome<Double> mean, Outcome<Double> sd) {
        return number(mean) + " (" + number(sd) + ")";
    }

    static String interval(Outcome<Interval> interval) {
        return interval.defined() ? "[" + number(interval.get().lower()) + ", " + number(interval.get().upper()) + "]" : "";
    }

    static String p(Outcome<Double> p) {
        if (!p.defined()) {
            return NOT_AVAILABLE;
        }
        return p.get() < 0.001 ? "< 0.001" : decimals(p.get(), 3);
    }

    /**
     * A signed-rank test as the page's three columns, named as R names them: p, V and the method,
     * e.g. "0.039", "40", "exact" or "0.012", "120.5", "normal approximation with continuity
     * correction; 2 zero differences dropped"; "n/a" where there is no test.
     */
    static List<String> signedRank(Outcome<SignedRankResult> test) {
        if (!test.defined()) {
            return List.of(NOT_AVAILABLE, NOT_AVAILABLE, "");
        }
        SignedRankResult w = test.get();
        return List.of(p(Outcome.of(w.p())), statistic(w.v()), w.description());
    }

    /** A rank statistic: whole as a whole number, else to one decimal (ties give halves). */
    static String statistic(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : decimals(v, 1);
    }

    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        String text = String.format(Locale.UK, "%." + places + "f", value);
        // a tiny negative rounds to "-0.00", which would suggest a direction that is not there
        if (text.matches("-0\\.0*")) {
            text = text.substring(1);
        }
        return text.replace('-', '\u2212');
    }
}
