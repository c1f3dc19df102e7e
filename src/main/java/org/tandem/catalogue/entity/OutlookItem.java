package org.tandem.catalogue.entity;

import java.util.List;

/** A single-choice item such as "In five years the relationship will be: better / the same / worse". */
public record OutlookItem(String id, String text, List<String> options) {

    public OutlookItem {
        options = List.copyOf(options);
    }
}
