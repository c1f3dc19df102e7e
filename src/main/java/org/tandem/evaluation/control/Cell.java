package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tandem.catalogue.entity.Scale;

/**
 * The results for one measure and one cohort: the change from pre to post, Cronbach's alpha before
 * and after, and the then-test. A suppressed cell withholds all of them with the same reason.
 */
public record Cell(Measure measure, Cohort cohort, Outcome<PairedComparison> change, Outcome<CronbachAlpha> alphaPre,
                   Outcome<CronbachAlpha> alphaPost, Outcome<ThenTest> thenTest) {

    public Cell {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(cohort, "cohort");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(alphaPre, "alphaPre");
        Objects.requireNonNull(alphaPost, "alphaPost");
        Objects.requireNonNull(thenTest, "thenTest");
    }

    static Cell suppressed(Measure measure, Cohort cohort, String reason) {
        return new Cell(measure, cohort, Outcome.suppressed(reason), Outcome.suppressed(reason), Outcome.suppressed(reason),
                Outcome.suppressed(reason));
    }

    /** Whether the cell's results are withheld for being too small (or revealing a group that is). */
    public boolean suppressed() {
        return change.suppressed();
    }

    /**
     * The plain-language readings of the cell's results, or the one reason they are withheld;
     * changes in the points of {@code scale}.
     */
    public List<Reading> readings(Scale scale) {
        String subject = measure.title() + ", " + cohort.label().toLowerCase(Locale.ROOT);
        if (suppressed()) {
            return List.of(Reading.of(subject, change));
        }
        List<Reading> readings = new ArrayList<>();
        readings.add(change.defined() ? change.get().reading(subject + ": change from pre to post", scale)
                : Reading.of(subject + ": change from pre to post", change));
        readings.add(alphaPre.defined() ? alphaPre.get().reading(subject + ": internal consistency before")
                : Reading.of(subject + ": internal consistency before", alphaPre));
        readings.add(alphaPost.defined() ? alphaPost.get().reading(subject + ": internal consistency after")
                : Reading.of(subject + ": internal consistency after", alphaPost));
        if (thenTest.defined()) {
            readings.add(thenTest.get().thenVersusPreReading(subject + ": retrospective then versus pre", scale));
            readings.add(thenTest.get().postVersusThenReading(subject + ": post versus retrospective then", scale));
        } else {
            readings.add(Reading.of(subject + ": retrospective then-test", thenTest));
        }
        return readings;
    }
}
