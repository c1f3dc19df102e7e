package org.tandem.catalogue.entity;

/** An ending of a scenario, with the debrief the learner reads (Markdown). */
public record Ending(String id, String title, String narrative, String debrief) {
}
