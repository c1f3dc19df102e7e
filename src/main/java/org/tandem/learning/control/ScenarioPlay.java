package org.tandem.learning.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;

/**
 * One learner's play through a role-swap scenario: where they are (a scene, or an ending once
 * the play is over), the measures as their choices moved them, and the path taken. Immutable:
 * every choice gives a new play, so a stored list of choice ids is enough to resume.
 */
public final class ScenarioPlay {

    private final Scenario scenario;
    /** Id of the current scene, or of the ending reached. */
    private final String position;
    private final Map<String, Integer> measures;
    private final List<Step> path;

    private ScenarioPlay(Scenario scenario, String position, Map<String, Integer> measures, List<Step> path) {
        this.scenario = scenario;
        this.position = position;
        this.measures = Collections.unmodifiableMap(measures);
        this.path = List.copyOf(path);
    }

    /** A new play at the scenario's first scene, every measure at its initial value. */
    public static ScenarioPlay start(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        if (scenario.scene(scenario.start()).isEmpty() && scenario.ending(scenario.start()).isEmpty()) {
            throw new IllegalArgumentException("Scenario '" + scenario.id() + "' starts at '" + scenario.start()
                    + "', which is neither one of its scenes nor one of its endings");
        }
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (Measure measure : scenario.measures()) {
            initial.put(measure.id(), clamp(measure.initial(), measure));
        }
        return new ScenarioPlay(scenario, scenario.start(), initial, List.of());
    }

    /**
     * Rebuilds a play from the choice ids stored for an attempt.
     *
     * @throws InvalidChoice if the stored choices no longer fit the scenario
     */
    public static ScenarioPlay replay(Scenario scenario, List<String> choiceIds) {
        ScenarioPlay play = start(scenario);
        for (int i = 0; i < choiceIds.size(); i++) {
            try {
                play = play.choose(choiceIds.get(i));
            } catch (InvalidChoice e) {
                throw new InvalidChoice("Stored choice " + (i + 1) + " of " + choiceIds.size()
                        + " no longer fits scenario '" + scenario.id() + "': " + e.getMessage());
            }
        }
        return play;
    }

    /**
     * Takes a choice of the current scene: its effects move the measures, each kept within its
     * range, and the play goes on to the choice's next scene or ending.
     *
     * @throws InvalidChoice if the play has ended or the current scene offers no such choice
     */
    public ScenarioPlay choose(String choiceId) {
        Scene scene = currentScene().orElseThrow(() -> new InvalidChoice(
                "The play of scenario '" + scenario.id() + "' has ended at '" + position + "'; no more choices"));
        Choice choice = scene.choice(choiceId).orElseThrow(() -> new InvalidChoice(
                "Scene '" + scene.id() + "' offers no choice '" + choiceId + "'; its choices are "
                        + scene.choices().stream().map(Choice::id).toList()));
        if (scenario.scene(choice.next()).isEmpty() && scenario.ending(choice.next()).isEmpty()) {
            // the pack validator refuses such packs; reaching this means the catalogue is broken
            throw new IllegalStateException("Choice '" + choice.id() + "' of scene '" + scene.id()
                    + "' leads to '" + choice.next() + "', which is neither a scene nor an ending of scenario '"
                    + scenario.id() + "'");
        }
        Map<String, Integer> moved = new LinkedHashMap<>(measures);
        for (Measure measure : scenario.measures()) {
            Integer effect = choice.effects().get(measure.id());
            if (effect != null) {
                // long: an absurd effect must clamp, not wrap around
                moved.put(measure.id(), clamp((long) moved.get(measure.id()) + effect, measure));
            }
        }
        List<Step> longer = new ArrayList<>(path);
        longer.add(new Step(scene.id(), choice.id()));
        return new ScenarioPlay(scenario, choice.next(), moved, longer);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The scene the learner is in; empty once the play has ended. */
    public Optional<Scene> currentScene() {
        return scenario.scene(position);
    }

    /**
     * The current scene's choices in the order this attempt lists them: shuffled with a seed made
     * of the attempt and the scene, so a reload or a return to the scene shows the same order, and
     * another attempt (a replay, another learner) another one. Authored order when the scenario
     * asks for it. Empty once the play has ended.
     */
    public List<Choice> offeredChoices(long attemptId) {
        List<Choice> choices = currentScene().map(scene -> new ArrayList<>(scene.choices())).orElseGet(ArrayList::new);
        if (scenario.shufflesChoices()) {
            // java.util.Random and Collections.shuffle are specified to the algorithm, so the order
            // is the same on every JVM and after every upgrade: stored attempts keep their order
            Collections.shuffle(choices, new Random(attemptId * 1_000_003L + position.hashCode()));
        }
        return List.copyOf(choices);
    }

    /** The ending reached; empty while the play goes on. */
    public Optional<Ending> ending() {
        return currentScene().isPresent() ? Optional.empty() : scenario.ending(position);
    }

    public boolean ended() {
        return ending().isPresent();
    }

    /** Measure id → current value, in the order the scenario declares its measures. */
    public Map<String, Integer> measures() {
        return measures;
    }

    public List<Step> path() {
        return path;
    }

    /** The choice ids taken so far, which is all that needs storing to {@link #replay} the play. */
    public List<String> choiceIds() {
        return path.stream().map(Step::choiceId).toList();
    }

    /** The choice just taken, for showing its feedback; empty before the first choice. */
    public Optional<Choice> lastChoice() {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Step last = path.get(path.size() - 1);
        return scenario.scene(last.sceneId()).flatMap(s -> s.choice(last.choiceId()));
    }

    /**
     * The rubric score once the play has ended: the points of the choices taken divided by the
     * most points any path from the start to an ending can earn, in [0, 1]. A scenario whose paths
     * all earn nothing scores 1. Empty while the play goes on.
     */
    public OptionalDouble score() {
        if (!ended()) {
            return OptionalDouble.empty();
        }
        int earned = path.stream().mapToInt(this::points).sum();
        int best = bestPoints(scenario);
        if (best <= 0) {
            return OptionalDouble.of(1.0);
        }
        // a learner going round a cycle can earn more than the cycle-free best; the score stays a share
        return OptionalDouble.of(Math.max(0.0, Math.min(1.0, (double) earned / best)));
    }

    /** The most rubric points any path from the start to an ending can earn. */
    static int bestPoints(Scenario scenario) {
        return new BestPath(scenario).from(scenario.start());
    }

    private int points(Step step) {
        return scenario.scene(step.sceneId()).flatMap(s -> s.choice(step.choiceId())).map(Choice::points).orElse(0);
    }

    private static int clamp(long value, Measure measure) {
        return (int) Math.max(measure.min(), Math.min(measure.max(), value));
    }

    /**
     * Memoised longest path over the scene graph. The pack validator guarantees a graph without
     * cycles; should one slip through, a scene already on the current path adds nothing more
     * rather than looping for ever. A choice leading nowhere known cannot reach an ending and is
     * left out of the best path.
     */
    private static final class BestPath {

        private static final int NO_ENDING = Integer.MIN_VALUE;

        private final Scenario scenario;
        private final Map<String, Integer> memo = new HashMap<>();
        private final Set<String> onPath = new HashSet<>();

        BestPath(Scenario scenario) {
            this.scenario = scenario;
        }

        int from(String id) {
            int best = reach(id);
            return best == NO_ENDING ? 0 : best;
        }

        private int reach(String id) {
            if (scenario.scene(id).isEmpty()) {
                return scenario.ending(id).isPresent() ? 0 : NO_ENDING;
            }
            if (onPath.contains(id)) {
                return 0;
            }
            Integer known = memo.get(id);
            if (known != null) {
                return known;
            }
            onPath.add(id);
            int best = NO_ENDING;
            for (Choice choice : scenario.scene(id).orElseThrow().choices()) {
                int rest = reach(choice.next());
                if (rest != NO_ENDING) {
                    best = Math.max(best, choice.points() + rest);
                }
            }
            onPath.remove(id);
            memo.put(id, best);
            return best;
        }
    }
}
