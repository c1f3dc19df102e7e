package org.tandem.learning.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Scene;

/**
 * Two partners' ways through the same scenario side by side, scene by scene: where both stood in a
 * scene, the choice each took there; where only one of them passed through a scene, that side
 * alone. Comparing the n-th decision of each would set different scenes side by side as soon as
 * the paths part. Each side is read against the content version its attempt was played on.
 */
public record ChoiceComparison(List<Row> rows, Optional<Parting> parted, Optional<Ending> mine, Optional<Ending> theirs) {

    /** What one person did in one scene. */
    public record Taken(String sceneId, String sceneTitle, String choiceId, String choiceText) {
    }

    /** One scene; a side is empty when that person's path did not pass through it. */
    public record Row(String sceneId, String sceneTitle, Optional<Taken> mine, Optional<Taken> theirs) {

        /** Both stood in this scene. */
        public boolean shared() {
            return mine.isPresent() && theirs.isPresent();
        }

        public boolean sameChoice() {
            return shared() && mine.get().choiceId().equals(theirs.get().choiceId());
        }
    }

    /**
     * Where the paths went apart: the first scene both stood in whose choices led on to different
     * places, and the scene where they met again, if they did.
     */
    public record Parting(String sceneTitle, Optional<String> metAgainAt) {
    }

    public ChoiceComparison {
        rows = List.copyOf(rows);
    }

    public static ChoiceComparison of(ScenarioPlay mine, ScenarioPlay theirs) {
        List<Visit> a = visits(mine);
        List<Visit> b = visits(theirs);
        // The scene graph has no cycles, so scenes on both paths come in the same order on each:
        // walk my path, and before each shared scene put the scenes only the partner passed. (Two
        // content versions could disagree on the order; a scene then shows once per side.)
        List<Row> rows = new ArrayList<>();
        Parting parting = null;
        String partedAt = null;
        int j = 0;
        for (Visit mineAt : a) {
            String scene = mineAt.taken().sceneId();
            int k = indexOf(b, scene, j);
            if (k < 0) {
                rows.add(new Row(scene, mineAt.taken().sceneTitle(), Optional.of(mineAt.taken()), Optional.empty()));
                continue;
            }
            while (j < k) {
                rows.add(theirsOnly(b.get(j++)));
            }
            Visit theirsAt = b.get(j++);
            if (partedAt != null && parting == null) {
                parting = new Parting(partedAt, Optional.of(mineAt.taken().sceneTitle()));
            }
            if (partedAt == null && !mineAt.next().equals(theirsAt.next())) {
                partedAt = mineAt.taken().sceneTitle();
            }
            rows.add(new Row(scene, mineAt.taken().sceneTitle(), Optional.of(mineAt.taken()), Optional.of(theirsAt.taken())));
        }
        while (j < b.size()) {
            rows.add(theirsOnly(b.get(j++)));
        }
        if (partedAt != null && parting == null) {
            parting = new Parting(partedAt, Optional.empty());
        }
        return new ChoiceComparison(rows, Optional.ofNullable(parting), mine.ending(), theirs.ending());
    }

    /** In how many of the scenes both stood in they took the same choice. */
    public long agreements() {
        return rows.stream().filter(Row::sameChoice).count();
    }

    /** How many scenes both stood in: the decisions that can be compared at all. */
    public long sharedScenes() {
        return rows.stream().filter(Row::shared).count();
    }

    private static int indexOf(List<Visit> visits, String sceneId, int from) {
        for (int i = from; i < visits.size(); i++) {
            if (visits.get(i).taken().sceneId().equals(sceneId)) {
                return i;
            }
        }
        return -1;
    }

    private static Row theirsOnly(Visit visit) {
        return new Row(visit.taken().sceneId(), visit.taken().sceneTitle(), Optional.empty(), Optional.of(visit.taken()));
    }

    /** A decision taken and where it led (the next scene or the ending). */
    private record Visit(Taken taken, String next) {
    }

    private static List<Visit> visits(ScenarioPlay play) {
        List<Visit> visits = new ArrayList<>();
        List<Step> path = play.path();
        for (int i = 0; i < path.size(); i++) {
            Step step = path.get(i);
            Optional<Scene> scene = play.scenario().scene(step.sceneId());
            Optional<Choice> choice = scene.flatMap(s -> s.choice(step.choiceId()));
            String sceneTitle = scene.map(Scene::title).orElse(step.sceneId());
            String choiceText = choice.map(Choice::text).orElse(step.choiceId());
            String next = choice.map(Choice::next).orElse(i + 1 < path.size() ? path.get(i + 1).sceneId() : "");
            visits.add(new Visit(new Taken(step.sceneId(), sceneTitle, step.choiceId(), choiceText), next));
        }
        return visits;
    }
}
