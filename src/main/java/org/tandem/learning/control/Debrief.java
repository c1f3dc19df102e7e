package org.tandem.learning.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;

/**
 * What the other professional group did in the scenario a learner has just played: at each scene
 * the learner visited, how the other group chose there, and how their plays ended. Shown only
 * when the other group is at least the minimum group size (design §7: default 8, never below 5),
 * so no one's choices can be picked out; otherwise the debrief only says how many more plays are
 * needed.
 */
public sealed interface Debrief permits Debrief.Suppressed, Debrief.Shown {

    int DEFAULT_MINIMUM_GROUP_SIZE = 8;
    int LOWEST_MINIMUM_GROUP_SIZE = 5;

    /** Whether the other group is too small to show anything. */
    boolean suppressed();

    /** The debrief with the default minimum group size. */
    static Debrief of(Scenario scenario, List<Step> learnerPath, List<CompletedPath> otherGroup) {
        return of(scenario, learnerPath, otherGroup, DEFAULT_MINIMUM_GROUP_SIZE);
    }

    /**
     * The debrief for a learner's path against the completed plays of the other group.
     *
     * @param minimumGroupSize raised to {@value #LOWEST_MINIMUM_GROUP_SIZE} if set lower: a
     *                         misconfigured course must not weaken the protection
     */
    static Debrief of(Scenario scenario, List<Step> learnerPath, List<CompletedPath> otherGroup, int minimumGroupSize) {
        Objects.requireNonNull(scenario, "scenario");
        int minimum = Math.max(LOWEST_MINIMUM_GROUP_SIZE, minimumGroupSize);
        if (otherGroup.size() < minimum) {
            return new Suppressed(minimum - otherGroup.size());
        }
        Set<String> visited = new LinkedHashSet<>();
        Map<String, String> learnerChoice = new HashMap<>();
        for (Step step : learnerPath) {
            if (visited.add(step.sceneId())) {
                learnerChoice.put(step.sceneId(), step.choiceId());
            }
        }
        List<SceneChoices> scenes = new ArrayList<>();
        for (String sceneId : visited) {
            scenario.scene(sceneId).ifPresent(scene -> scenes.add(
                    sceneChoices(scene, learnerChoice.get(sceneId), otherGroup, minimum)));
        }
        Map<String, Integer> endingCounts = new HashMap<>();
        otherGroup.forEach(play -> endingCounts.merge(play.endingId(), 1, Integer::sum));
        List<Share> endings = new ArrayList<>();
        for (Ending ending : scenario.endings()) {
            endings.add(new Share(ending.id(), percent(endingCounts.getOrDefault(ending.id(), 0), otherGroup.size())));
        }
        return new Shown(otherGroup.size(), scenes, endings);
    }

    private static SceneChoices sceneChoices(Scene scene, String learnerChoiceId, List<CompletedPath> otherGroup, int minimum) {
        // each learner counts once per scene, by the first choice they made there
        Map<String, Integer> counts = new HashMap<>();
        int reached = 0;
        for (CompletedPath play : otherGroup) {
            for (Step step : play.path()) {
                if (step.sceneId().equals(scene.id())) {
                    reached++;
                    counts.merge(step.choiceId(), 1, Integer::sum);
                    break;
                }
            }
        }
        if (reached < minimum) {
            // the whole group is large enough, but the few who reached this scene could be recognised
            return new SceneChoices(scene.id(), learnerChoiceId, true, List.of());
        }
        List<Share> shares = new ArrayList<>();
        for (Choice choice : scene.choices()) {
            shares.add(new Share(choice.id(), percent(counts.getOrDefault(choice.id(), 0), reached)));
        }
        return new SceneChoices(scene.id(), learnerChoiceId, false, shares);
    }

    /** Whole percent, halves rounded up; the shares of a scene may add up to 99 or 101. */
    private static int percent(int count, int of) {
        return (int) Math.round(100.0 * count / of);
    }

    /**
     * Too few plays from the other group to show anything.
     *
     * @param moreNeeded how many more completed plays the other group needs
     */
    record Suppressed(int moreNeeded) implements Debrief {

        @Override
        public boolean suppressed() {
            return true;
        }
    }

    /**
     * The other group's choices and endings.
     *
     * @param groupSize completed plays counted
     * @param scenes    the scenes the learner visited, in the order of the learner's first visit
     * @param endings   every ending of the scenario, in its declared order
     */
    record Shown(int groupSize, List<SceneChoices> scenes, List<Share> endings) implements Debrief {

        public Shown {
            scenes = List.copyOf(scenes);
            endings = List.copyOf(endings);
        }

        @Override
        public boolean suppressed() {
            return false;
        }
    }

    /**
     * How the other group chose at a scene the learner visited.
     *
     * @param learnerChoiceId the learner's own choice there
     * @param tooFewReached   whether fewer of the other group than the minimum reached this scene,
     *                        in which case {@code choices} is empty
     * @param choices         every choice of the scene, in its declared order, with the share of
     *                        those who reached the scene that took it
     */
    record SceneChoices(String sceneId, String learnerChoiceId, boolean tooFewReached, List<Share> choices) {

        public SceneChoices {
            choices = List.copyOf(choices);
        }
    }

    /** A choice or ending id and the whole-number percentage of the other group it stands for. */
    record Share(String id, int percent) {
    }
}
