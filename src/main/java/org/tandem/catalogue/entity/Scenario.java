package org.tandem.catalogue.entity;

import java.util.List;
import java.util.Optional;

/**
 * A role-swap scenario: a directed graph of scenes played from one seat. Choices move visible
 * measures and lead to the next scene or to an ending.
 *
 * @param seat        the role the learner plays (a manager gets the clinician seat and vice versa)
 * @param start       id of the first scene
 * @param choiceOrder how choices are listed; null (not written in the pack) means {@link ChoiceOrder#SHUFFLED}
 */
public record Scenario(String id, String title, String summary, Seat seat, String start,
                       List<Measure> measures, List<Scene> scenes, List<Ending> endings,
                       ChoiceOrder choiceOrder) {

    public Scenario {
        measures = List.copyOf(measures);
        scenes = List.copyOf(scenes);
        endings = List.copyOf(endings);
    }

    /** Whether each attempt lists the choices in its own order rather than as authored. */
    public boolean shufflesChoices() {
        return choiceOrder != ChoiceOrder.AUTHORED;
    }

    public Optional<Scene> scene(String sceneId) {
        return scenes.stream().filter(s -> s.id().equals(sceneId)).findFirst();
    }

    public Optional<Ending> ending(String endingId) {
        return endings.stream().filter(e -> e.id().equals(endingId)).findFirst();
    }
}
