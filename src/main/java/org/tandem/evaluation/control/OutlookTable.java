package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.tandem.catalogue.entity.OutlookItem;
import org.tandem.evaluation.entity.MatchedPair;

/**
 * The outlook item before and after: how many matched learners chose each pre option × post
 * option, among those who answered it both times. Pairs without both answers, or with an answer
 * that is not one of the options, are counted rather than dropped silently.
 *
 * @param options   the item's options, in order
 * @param counts    {@code counts.get(pre).get(post)}: learners who chose {@code pre} before and
 *                  {@code post} after
 * @param unanswered matched pairs without an outlook answer before or after
 * @param offOptions matched pairs with an answer that is not one of the options
 */
public record OutlookTable(List<String> options, List<List<Integer>> counts, int unanswered, int offOptions) {

    public OutlookTable {
        options = List.copyOf(options);
        counts = counts.stream().map(List::copyOf).toList();
    }

    public static OutlookTable of(OutlookItem item, Collection<MatchedPair> pairs) {
        Objects.requireNonNull(item, "item");
        int size = item.options().size();
        int[][] counts = new int[size][size];
        int unanswered = 0;
        int offOptions = 0;
        for (MatchedPair pair : pairs) {
            OptionalInt before = pair.pre().outlook();
            OptionalInt after = pair.post().outlook();
            if (before.isEmpty() || after.isEmpty()) {
                unanswered++;
            } else if (!within(before.getAsInt(), size) || !within(after.getAsInt(), size)) {
                offOptions++;
            } else {
                counts[before.getAsInt()][after.getAsInt()]++;
            }
        }
        List<List<Integer>> rows = new ArrayList<>(size);
        for (int[] row : counts) {
            rows.add(Arrays.stream(row).boxed().toList());
        }
        return new OutlookTable(item.options(), rows, unanswered, offOptions);
    }

    private static boolean within(int option, int size) {
        return option >= 0 && option < size;
    }

    /** Learners who chose {@code pre} before and {@code post} after. */
    public int count(int pre, int post) {
        return counts.get(pre).get(post);
    }

    /** Learners in the table: those with a valid answer both times. */
    public int n() {
        return counts.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum();
    }

    /** Learners who chose the same option both times. */
    public int unchanged() {
        int same = 0;
        for (int i = 0; i < options.size(); i++) {
            same += count(i, i);
        }
        return same;
    }

    public Reading reading(String topic) {
        return Reading.ofOutlook(topic, this);
    }
}
