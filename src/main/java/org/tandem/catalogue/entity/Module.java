package org.tandem.catalogue.entity;

import java.util.List;

/**
 * A joint training module: ordered sections, each showing a problem from the manager's and the
 * clinician's side. Score = share of knowledge checks answered correctly.
 *
 * @param minutes estimated time to complete
 */
public record Module(String id, String title, String summary, int minutes, List<Section> sections) {

    public Module {
        sections = List.copyOf(sections);
    }

    public long knowledgeChecks() {
        return sections.stream().filter(s -> s.check() != null).count();
    }
}
