package org.tandem.catalogue.entity;

import java.util.List;

/**
 * A single-answer question.
 *
 * @param correct     index (0-based) of the right option
 * @param explanation Markdown shown after answering
 */
public record KnowledgeCheck(String question, List<String> options, int correct, String explanation) {

    public KnowledgeCheck {
        options = List.copyOf(options);
    }
}
