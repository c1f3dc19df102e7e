package org.tandem.catalogue.entity;

import java.util.List;
import java.util.Optional;

/**
 * One version of a content pack: what a trainer can place in a course. Immutable; an attempt
 * pins the pack id and version it started on.
 *
 * @param id          stable pack id, e.g. "starter"
 * @param version     increases with every published change
 * @param title       shown to administrators and trainers
 * @param description optional, Markdown
 */
public record ContentPack(String id, int version, String title, String description,
                         List<Module> modules, List<Scenario> scenarios, List<Instrument> instruments) {

    public ContentPack {
        modules = List.copyOf(modules);
        scenarios = List.copyOf(scenarios);
        instruments = List.copyOf(instruments);
    }

    public Optional<Module> module(String moduleId) {
        return modules.stream().filter(m -> m.id().equals(moduleId)).findFirst();
    }

    public Optional<Scenario> scenario(String scenarioId) {
        return scenarios.stream().filter(s -> s.id().equals(scenarioId)).findFirst();
    }

    public Optional<Instrument> instrument(String instrumentId) {
        return instruments.stream().filter(i -> i.id().equals(instrumentId)).findFirst();
    }
}
