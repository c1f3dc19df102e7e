package org.tandem.catalogue.entity;

import java.util.List;

/** A subscale: several Likert items measuring one aspect, e.g. trust. */
public record Subscale(String id, String title, List<Item> items) {

    public Subscale {
        items = List.copyOf(items);
    }
}
