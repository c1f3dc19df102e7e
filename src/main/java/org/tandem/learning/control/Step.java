package org.tandem.learning.control;

import java.util.Objects;

/** One move in a scenario: the choice a learner took in a scene. */
public record Step(String sceneId, String choiceId) {

    public Step {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(choiceId, "choiceId");
    }
}
