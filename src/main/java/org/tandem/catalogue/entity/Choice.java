package org.tandem.catalogue.entity;

import java.util.Map;

/**
 * A choice in a scene.
 *
 * @param effects  measure id → change (applied then clamped to the measure's range)
 * @param next     id of the next scene or of an ending
 * @param points   rubric points for taking this choice (0–3)
 * @param feedback optional Markdown shown after the choice
 */
public record Choice(String id, String text, Map<String, Integer> effects, String next, int points, String feedback) {

    public Choice {
        effects = effects == null ? Map.of() : Map.copyOf(effects);
    }
}
