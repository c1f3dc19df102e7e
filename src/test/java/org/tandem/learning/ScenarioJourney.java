package org.tandem.learning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;

/**
 * A way through a scenario worked out from the pack itself, independently of Tandem's engine:
 * the choices to take to reach an ending, and what the page should then show (measures, score).
 *
 * @param choices the choices in order, each of the scene the previous one led to
 */
record ScenarioJourney(Scenario scenario, String endingId, List<Choice> choices) {

    /** A shortest way to each ending of the scenario, in the order the scenario lists its endings. */
    static List<ScenarioJourney> toEveryEnding(Scenario scenario) {
        Map<String, List<Choice>> shortest = new HashMap<>();
        shortest.put(scenario.start(), List.of());
        Deque<String> queue = new ArrayDeque<>(List.of(scenario.start()));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            Scene scene = scenario.scene(at).orElse(null);
            if (scene == null) {
                continue;
            }
            for (Choice c : scene.choices()) {
                if (!shortest.containsKey(c.next())) {
                    List<Choice> longer = new ArrayList<>(shortest.get(at));
                    longer.add(c);
                    shortest.put(c.next(), List.copyOf(longer));
                    queue.add(c.next());
                }
            }
        }
        return scenario.endings().stream()
                .map(e -> new ScenarioJourney(scenario, e.id(), shortest.get(e.id())))
                .toList();
    }

    boolean reachable() {
        return choices != null;
    }

    /** Measure id → value after the choices: effects added, each clamped to its measure's range. */
    Map<String, Integer> measures() {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Measure m : scenario.measures()) {
            values.put(m.id(), clamp(m.initial(), m));
        }
        for (Choice c : choices) {
            for (Measure m : scenario.measures()) {
                Integer effect = c.effects().get(m.id());
                if (effect != null) {
                    values.put(m.id(), clamp(values.get(m.id()) + effect, m));
                }
            }
        }
        return values;
    }

    /** The rubric score the ending page should show: points taken over the best path's points, in whole per cent. */
    long scorePercent() {
        int earned = choices.stream().mapToInt(Choice::points).sum();
        int best = best(scenario, scenario.start());
        return best <= 0 ? 100 : Math.round(Math.min(1.0, (double) earned / best) * 100);
    }

    private static int best(Scenario scenario, String at) {
        Scene scene = scenario.scene(at).orElse(null);
        if (scene == null) {
            return 0;
        }
        // the pack validator keeps scenarios acyclic; the starter pack is small enough to recurse
        return scene.choices().stream().mapToInt(c -> c.points() + best(scenario, c.next())).max().orElse(0);
    }

    private static int clamp(int value, Measure m) {
        return Math.max(m.min(), Math.min(m.max(), value));
    }
}
