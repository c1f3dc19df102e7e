package org.tandem.catalogue.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;
import org.tandem.catalogue.entity.Section;
import org.tandem.catalogue.entity.Subscale;

/**
 * The rules of the content-pack format that a JSON Schema cannot express: references between
 * ids, unique ids, ranges that depend on other values, and the shape of a scenario's graph. Runs
 * on files that passed their schema, so every field the schema requires is present.
 */
final class PackRules {

    /** A content record and where it was written: file and JSON path of the object. */
    record Located<T>(T value, String file, String path) {

        String at(String suffix) {
            return path + suffix;
        }

        PackProblem problem(String suffix, String message) {
            return new PackProblem(file, path + suffix, message);
        }
    }

    private final List<Located<Module>> modules;
    private final List<Located<Scenario>> scenarios;
    private final List<Located<Instrument>> instruments;
    private final List<PackProblem> problems = new ArrayList<>();

    PackRules(List<Located<Module>> modules, List<Located<Scenario>> scenarios, List<Located<Instrument>> instruments) {
        this.modules = modules;
        this.scenarios = scenarios;
        this.instruments = instruments;
    }

    List<PackProblem> check() {
        unique("module", modules, Module::id);
        unique("scenario", scenarios, Scenario::id);
        unique("instrument", instruments, Instrument::id);
        modules.forEach(this::module);
        scenarios.forEach(this::scenario);
        instruments.forEach(this::instrument);
        return problems;
    }

    /** Ids are unique within their kind across the whole pack (files and pack.yaml lists alike). */
    private <T> void unique(String kind, List<Located<T>> all, Function<T, String> id) {
        Map<String, Located<T>> seen = new HashMap<>();
        for (Located<T> each : all) {
            Located<T> first = seen.putIfAbsent(id.apply(each.value()), each);
            if (first != null) {
                problems.add(each.problem(".id", kind + " id '" + id.apply(each.value()) + "' is already used by "
                        + first.file() + " " + first.path()));
            }
        }
    }

    private void module(Located<Module> module) {
        Map<String, String> sections = new HashMap<>();
        List<Section> list = module.value().sections();
        for (int i = 0; i < list.size(); i++) {
            Section section = list.get(i);
            String at = ".sections[" + i + "]";
            once(module, sections, section.id(), at, "section");
            if (section.check() != null) {
                int options = section.check().options().size();
                if (section.check().correct() >= options) {
                    problems.add(module.problem(at + ".check.correct", "correct is " + section.check().correct()
                            + " but the check has " + options + " options (0 to " + (options - 1) + ")"));
                }
            }
        }
    }

    private void scenario(Located<Scenario> located) {
        Scenario scenario = located.value();

        Map<String, String> measures = new HashMap<>();
        for (int i = 0; i < scenario.measures().size(); i++) {
            Measure m = scenario.measures().get(i);
            String at = ".measures[" + i + "]";
            once(located, measures, m.id(), at, "measure");
            if (m.min() >= m.max()) {
                problems.add(located.problem(at + ".max", "max " + m.max() + " must be above min " + m.min()));
            } else if (m.initial() < m.min() || m.initial() > m.max()) {
                problems.add(located.problem(at + ".initial", "initial " + m.initial() + " is outside [" + m.min() + ", " + m.max() + "]"));
            }
        }

        Map<String, String> scenes = new LinkedHashMap<>();
        for (int i = 0; i < scenario.scenes().size(); i++) {
            once(located, scenes, scenario.scenes().get(i).id(), ".scenes[" + i + "]", "scene");
        }
        Map<String, String> endings = new HashMap<>();
        for (int i = 0; i < scenario.endings().size(); i++) {
            String id = scenario.endings().get(i).id();
            String at = ".endings[" + i + "]";
            if (scenes.containsKey(id)) {
                problems.add(located.problem(at + ".id", "'" + id + "' is already a scene id (" + located.at(scenes.get(id))
                        + "); scenes and endings share one name space"));
            } else {
                once(located, endings, id, at, "ending");
            }
        }

        if (!scenes.containsKey(scenario.start())) {
            problems.add(located.problem(".start", endings.containsKey(scenario.start())
                    ? "start '" + scenario.start() + "' is an ending, not a scene"
                    : "start '" + scenario.start() + "' names no scene of this scenario"));
        }

        Map<String, Set<String>> edges = new HashMap<>();
        for (int i = 0; i < scenario.scenes().size(); i++) {
            Scene scene = scenario.scenes().get(i);
            Set<String> next = edges.computeIfAbsent(scene.id(), k -> new HashSet<>());
            Map<String, String> choices = new HashMap<>();
            for (int j = 0; j < scene.choices().size(); j++) {
                Choice choice = scene.choices().get(j);
                String at = ".scenes[" + i + "].choices[" + j + "]";
                once(located, choices, choice.id(), at, "choice");
                if (scenes.containsKey(choice.next()) || endings.containsKey(choice.next())) {
                    next.add(choice.next());
                } else {
                    problems.add(located.problem(at + ".next", "next '" + choice.next() + "' names no scene or ending of this scenario"));
                }
                for (String measure : choice.effects().keySet().stream().sorted().toList()) {
                    if (!measures.containsKey(measure)) {
                        problems.add(located.problem(at + ".effects." + measure, "'" + measure
                                + "' is not a measure of this scenario (measures: " + String.join(", ", measures.keySet().stream().sorted().toList()) + ")"));
                    }
                }
            }
        }

        if (scenes.containsKey(scenario.start())) {
            Set<String> reachable = reach(Set.of(scenario.start()), edges);
            scenes.forEach((id, at) -> {
                if (!reachable.contains(id)) {
                    problems.add(located.problem(at, "scene '" + id + "' cannot be reached from start '" + scenario.start() + "'"));
                }
            });
        }
        Map<String, Set<String>> reverse = new HashMap<>();
        edges.forEach((from, tos) -> tos.forEach(to -> reverse.computeIfAbsent(to, k -> new HashSet<>()).add(from)));
        Set<String> leadToEnding = reach(endings.keySet(), reverse);
        scenes.forEach((id, at) -> {
            if (!leadToEnding.contains(id)) {
                problems.add(located.problem(at, "no path from scene '" + id + "' leads to an ending"));
            }
        });
        loops(located, scenes);
    }

    /**
     * Paths must not loop: the score divides the points of the path taken by the most points any
     * path can earn, which a loop would make unbounded. Names each choice that leads back.
     */
    private void loops(Located<Scenario> located, Map<String, String> scenes) {
        Scenario scenario = located.value();
        List<Scene> list = scenario.scenes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            index.putIfAbsent(list.get(i).id(), i);
        }
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
        for (Scene root : list) {
            if (state.containsKey(root.id())) {
                continue;
            }
            // iterative depth-first search: a frame is a scene and the index of its next choice
            Deque<int[]> frames = new ArrayDeque<>();
            frames.push(new int[] {index.get(root.id()), 0});
            state.put(root.id(), 1);
            while (!frames.isEmpty()) {
                int[] frame = frames.peek();
                Scene scene = list.get(frame[0]);
                if (frame[1] >= scene.choices().size()) {
                    state.put(scene.id(), 2);
                    frames.pop();
                    continue;
                }
                int j = frame[1]++;
                String next = scene.choices().get(j).next();
                Integer to = index.get(next);
                if (to == null) {
                    continue; // an ending, or a bad reference reported above
                }
                Integer seen = state.get(next);
                if (seen == null) {
                    state.put(next, 1);
                    frames.push(new int[] {to, 0});
                } else if (seen == 1) {
                    problems.add(located.problem(scenes.get(scene.id()) + ".choices[" + j + "].next", "next '" + next
                            + "' leads back to an earlier scene: scenario paths must not loop (the score compares a path with the best one)"));
                }
            }
        }
    }

    private void instrument(Located<Instrument> located) {
        Instrument instrument = located.value();
        Scale scale = instrument.scale();
        if (scale.min() >= scale.max()) {
            problems.add(located.problem(".scale.max", "max " + scale.max() + " must be above min " + scale.min()));
        } else if (scale.labels().size() != scale.max() - scale.min() + 1) {
            problems.add(located.problem(".scale.labels", scale.labels().size() + " labels for a scale from " + scale.min()
                    + " to " + scale.max() + ": it needs " + (scale.max() - scale.min() + 1) + ", one per point"));
        }
        Map<String, String> subscales = new HashMap<>();
        Map<String, String> items = new HashMap<>();
        for (int i = 0; i < instrument.subscales().size(); i++) {
            Subscale subscale = instrument.subscales().get(i);
            once(located, subscales, subscale.id(), ".subscales[" + i + "]", "subscale");
            for (int j = 0; j < subscale.items().size(); j++) {
                Item item = subscale.items().get(j);
                once(located, items, item.id(), ".subscales[" + i + "].items[" + j + "]", "item");
            }
        }
        if (instrument.outlook() != null) {
            // answers are stored by item id, so the outlook item shares the items' name space
            once(located, items, instrument.outlook().id(), ".outlook", "item");
            if (instrument.outlook().options().size() < 2) {
                problems.add(located.problem(".outlook.options", "an outlook item needs at least 2 options"));
            }
        }
    }

    /** Records an id at a path; a second use is a problem naming the first. */
    private void once(Located<?> owner, Map<String, String> seen, String id, String at, String kind) {
        String first = seen.putIfAbsent(id, at);
        if (first != null) {
            problems.add(owner.problem(at + ".id", kind + " id '" + id + "' is already used at " + owner.at(first)));
        }
    }

    private static Set<String> reach(Set<String> from, Map<String, Set<String>> edges) {
        Set<String> seen = new HashSet<>(from);
        Deque<String> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
