package org.tandem.catalogue.entity;

import java.util.List;
import java.util.Optional;

/**
 * A pre/post relationship assessment. The same instrument version is used before and after.
 *
 * @param version        instrument version (matching pre and post needs the same one)
 * @param scale          the Likert scale every item uses
 * @param outlook        optional single-choice item, e.g. better / same / worse in five years
 * @param thenTest       whether the post form adds retrospective "then" ratings of every item
 * @param freeTextPrompt optional free-text question at the end
 */
public record Instrument(String id, int version, String title, String instructions, Scale scale,
                         List<Subscale> subscales, OutlookItem outlook, boolean thenTest, String freeTextPrompt) {

    public Instrument {
        subscales = List.copyOf(subscales);
    }

    public List<Item> items() {
        return subscales.stream().flatMap(s -> s.items().stream()).toList();
    }

    public Optional<Item> item(String itemId) {
        return items().stream().filter(i -> i.id().equals(itemId)).findFirst();
    }
}
