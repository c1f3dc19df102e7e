package org.tandem.learning.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Scene;

/**
 * Two partners' ways through the same scenario side by side, decision by decision: the scene each
 * was in and the choice each took. Paths may part (scenes lead to different scenes), so each side
 * names its own scene; each side is read against the content version its attempt was played on.
 */
public record ChoiceComparison(List<Row> rows, Optional<Ending> mine, Optional<Ending> theirs) {

    /** What one person did at one decision. */
    public record Taken(String sceneId, String sceneTitle, String choiceId, String choiceText) {
    }

    /** The n-th decision of each; a side is empty when that path was shorter. */
    public record Row(int decision, Optional<Taken> mine, Optional<Taken> theirs) {

        public boolean sameScene() {
            return mine.isPresent() && theirs.isPresent() && mine.get().sceneId().equals(theirs.get().sceneId());
        }

        public boolean sameChoice() {
            return sameScene() && mine.get().choiceId().equals(theirs.get().choiceId());
        }
    }

    public ChoiceComparison {
        rows = List.copyOf(rows);
    }

    public static ChoiceComparison of(ScenarioPlay mine, ScenarioPlay theirs) {
        List<Taken> a = taken(mine);
        List<Taken> b = taken(theirs);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            rows.add(new Row(i + 1, i < a.size() ? Optional.of(a.get(i)) : Optional.empty(),
                    i < b.size() ? Optional.of(b.get(i)) : Optional.empty()));
        }
        return new ChoiceComparison(rows, mine.ending(), theirs.ending());
    }

    /** How many decisions both took the same way at the same scene. */
    public long agreements() {
        return rows.stream().filter(Row::sameChoice).count();
    }

    private static List<Taken> taken(ScenarioPlay play) {
        List<Taken> taken = new ArrayList<>();
        for (Step step : play.path()) {
            Optional<Scene> scene = play.scenario().scene(step.sceneId());
            String sceneTitle = scene.map(Scene::title).orElse(step.sceneId());
            String choiceText = scene.flatMap(s -> s.choice(step.choiceId())).map(Choice::text).orElse(step.choiceId());
            taken.add(new Taken(step.sceneId(), sceneTitle, step.choiceId(), choiceText));
        }
        return taken;
    }
}
