package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.tandem.catalogue.entity.Item;
import org.tandem.learning.control.InstrumentScoring;

/**
 * Cronbach's alpha of a set of items: α = k / (k − 1) · (1 − Σ item variances / variance of the
 * totals), with sample variances, over the respondents who answered every item (listwise
 * deletion; the others are counted, not silently dropped). Undefined with fewer than two items,
 * fewer than two complete respondents, or totals that do not vary.
 *
 * @param items       k, the number of items
 * @param respondents n, respondents with every item answered
 * @param incomplete  respondents left out for a missing item
 */
public record CronbachAlpha(int items, int respondents, int incomplete, Outcome<Double> alpha) {

    /**
     * Alpha of rows of item scores, one row per respondent and one column per item; a
     * {@link Double#NaN} marks a missing answer and leaves that respondent out.
     *
     * @throws IllegalArgumentException if a row does not have {@code items} columns
     */
    public static CronbachAlpha of(int items, List<double[]> rows) {
        for (double[] row : rows) {
            if (row.length != items) {
                throw new IllegalArgumentException("Every row needs " + items + " item scores; one has " + row.length);
            }
        }
        return ofColumns(rows, 0, items);
    }

    /** Alpha of columns {@code from} (inclusive) to {@code to} (exclusive) of the rows, read in place. */
    static CronbachAlpha ofColumns(List<double[]> rows, int from, int to) {
        int items = to - from;
        List<double[]> complete = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            if (isComplete(row, from, to)) {
                complete.add(row);
            }
        }
        int n = complete.size();
        int incomplete = rows.size() - n;
        if (items < 2) {
            return new CronbachAlpha(items, n, incomplete, Outcome.undefined("Alpha needs at least two items; there is "
                    + (items == 1 ? "one." : "none.")));
        }
        if (n < 2) {
            return new CronbachAlpha(items, n, incomplete,
                    Outcome.undefined("Alpha needs at least two learners who answered every item; there " + (n == 1 ? "is one." : "are none.")));
        }
        // Two passes (means, then squared deviations) keep the variances exact enough for any
        // scale, not only small Likert integers.
        double[] itemMeans = new double[items];
        double totalMean = 0;
        for (double[] row : complete) {
            for (int i = 0; i < items; i++) {
                itemMeans[i] += row[from + i];
                totalMean += row[from + i];
            }
        }
        for (int i = 0; i < items; i++) {
            itemMeans[i] /= n;
        }
        totalMean /= n;
        double itemSquares = 0;
        double totalSquares = 0;
        for (double[] row : complete) {
            double total = 0;
            for (int i = 0; i < items; i++) {
                double deviation = row[from + i] - itemMeans[i];
                itemSquares += deviation * deviation;
                total += row[from + i];
            }
            double deviation = total - totalMean;
            totalSquares += deviation * deviation;
        }
        if (totalSquares == 0) {
            return new CronbachAlpha(items, n, incomplete,
                    Outcome.undefined("Every learner has the same total on these items, so alpha is undefined."));
        }
        // Σ item variances / total variance: the (n − 1) denominators cancel.
        double alpha = items / (items - 1.0) * (1 - itemSquares / totalSquares);
        return new CronbachAlpha(items, n, incomplete, Outcome.of(alpha));
    }

    /**
     * Alpha of these items over these responses (item id → answer), reverse-scored items turned
     * round first as the instrument scores them.
     */
    public static CronbachAlpha of(List<Item> items, InstrumentScoring scoring, Collection<Map<String, Integer>> answers) {
        List<double[]> rows = new ArrayList<>(answers.size());
        for (Map<String, Integer> response : answers) {
            double[] row = new double[items.size()];
            for (int i = 0; i < row.length; i++) {
                Integer answer = response.get(items.get(i).id());
                row[i] = answer == null ? Double.NaN : scoring.itemScore(items.get(i), answer);
            }
            rows.add(row);
        }
        return of(items.size(), rows);
    }

    private static boolean isComplete(double[] row, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Double.isNaN(row[i])) {
                return false;
            }
        }
        return true;
    }

    /** The plain-language reading of this alpha. */
    public Reading reading(String topic) {
        return Reading.ofConsistency(topic, this);
    }
}
