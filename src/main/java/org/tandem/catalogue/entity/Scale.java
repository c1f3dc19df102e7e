package org.tandem.catalogue.entity;

import java.util.List;

/** A Likert scale from min to max with one label per point (labels.size() == max - min + 1). */
public record Scale(int min, int max, List<String> labels) {

    public Scale {
        labels = List.copyOf(labels);
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }
}
