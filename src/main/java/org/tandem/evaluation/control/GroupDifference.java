package org.tandem.evaluation.control;

import java.util.Objects;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;
import org.tandem.catalogue.entity.Scale;

/**
 * Whether managers' and clinicians' scores changed differently: the difference in mean change
 * (managers − clinicians) with Welch's two-sample t-test on the change scores, which does not
 * assume the groups vary alike, and the 95 % interval of the difference with Welch–Satterthwaite
 * degrees of freedom. Undefined with fewer than two learners in either group or when neither
 * group's changes vary.
 *
 * @param managers   the managers' change scores described
 * @param clinicians the clinicians' change scores described
 * @param difference mean change of managers − mean change of clinicians
 */
public record GroupDifference(Summary managers, Summary clinicians, Outcome<Double> difference,
                              Outcome<Interval> interval, Outcome<TTestResult> welch) {

    public GroupDifference {
        Objects.requireNonNull(managers, "managers");
        Objects.requireNonNull(clinicians, "clinicians");
        Objects.requireNonNull(difference, "difference");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(welch, "welch");
    }

    /** Compares the change scores (post − pre) of managers with those of clinicians. */
    public static GroupDifference of(double[] managerChanges, double[] clinicianChanges) {
        Summary managers = Summary.of(managerChanges);
        Summary clinicians = Summary.of(clinicianChanges);
        if (managers.n() == 0 || clinicians.n() == 0) {
            String reason = "A difference between groups needs learners in both; "
                    + (managers.n() == 0 ? "there are no managers." : "there are no clinicians.");
            return new GroupDifference(managers, clinicians, Outcome.undefined(reason), Outcome.undefined(reason),
                    Outcome.undefined(reason));
        }
        Outcome<Double> difference = Outcome.of(managers.mean().get() - clinicians.mean().get());
        if (managers.n() < 2 || clinicians.n() < 2) {
            String reason = "Welch's test needs at least two learners in each group.";
            return new GroupDifference(managers, clinicians, difference, Outcome.undefined(reason), Outcome.undefined(reason));
        }
        double standardError = Math.sqrt(square(managers.sd().get()) / managers.n()
                + square(clinicians.sd().get()) / clinicians.n());
        if (standardError == 0) {
            String reason = "Within each group every learner's change is the same: with no spread there is no interval or test.";
            return new GroupDifference(managers, clinicians, difference, Outcome.undefined(reason), Outcome.undefined(reason));
        }
        TTest.Result welch = TTest.withDefaults().test(managerChanges, clinicianChanges);
        double df = welch.getDegreesOfFreedom();
        double halfWidth = TDistribution.of(df).inverseSurvivalProbability(0.025) * standardError;
        return new GroupDifference(managers, clinicians, difference,
                Outcome.of(new Interval(difference.get() - halfWidth, difference.get() + halfWidth)),
                Outcome.of(new TTestResult(welch.getStatistic(), df, welch.getPValue())));
    }

    private static double square(double value) {
        return value * value;
    }

    /** The plain-language reading of this difference, in the points of {@code scale}. */
    public Reading reading(String topic, Scale scale) {
        return Reading.ofGroupDifference(topic, this, scale);
    }
}
