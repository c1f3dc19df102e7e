package org.tandem.catalogue.entity;

import java.util.List;
import java.util.Optional;

/** One scene: Markdown narrative and 2–3 choices. */
public record Scene(String id, String title, String narrative, List<Choice> choices) {

    public Scene {
        choices = List.copyOf(choices);
    }

    public Optional<Choice> choice(String choiceId) {
        return choices.stream().filter(c -> c.id().equals(choiceId)).findFirst();
    }
}
