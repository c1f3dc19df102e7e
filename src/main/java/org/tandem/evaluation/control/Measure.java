package org.tandem.evaluation.control;

import java.util.Objects;
import org.tandem.catalogue.entity.Subscale;

/**
 * What is compared: one subscale's score, or the total. A response's total counts only when every
 * subscale has a score (see {@link ScoredPair}), so pre and post totals always cover the same
 * subscales.
 *
 * @param id    the subscale id; {@code "total"} for the total
 * @param total whether this is the total rather than a subscale
 */
public record Measure(String id, String title, boolean total) {

    /** The total: the mean of the subscale scores. */
    public static final Measure TOTAL = new Measure("total", "Total", true);

    public Measure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }

    public static Measure of(Subscale subscale) {
        return new Measure(subscale.id(), subscale.title(), false);
    }

}
