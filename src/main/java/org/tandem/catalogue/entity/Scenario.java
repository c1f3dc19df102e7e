package org.tandem.catalogue.entity;

import java.util.List;
import java.util.Optional;

/**
 * A role-swap scenario: a directed graph of scenes played from one seat. Choices move visible
 * measures and lead to the next scene or to an ending.
 *
 * @param seat  the role the learner plays (a manager gets the clinician seat and vice versa)
 * @param start id of the first scene
 */
public record Scenario(String id, String title, String summary, Seat seat, String start,
                       List<Measure> measures, List<Scene> scenes, List<Ending> endings) {

    public Scenario {
        measures = List.copyOf(measures);
        scenes = List.copyOf(scenes);
        endings = List.copyOf(endings);
    }

    public Optional<Scene> scene(String sceneId) {
        return scenes.stream().filter(s -> s.id().equals(sceneId)).findFirst();
    }

    public Optional<Ending> ending(String endingId) {
        return endings.stream().filter(e -> e.id().equals(endingId)).findFirst();
    }
}
