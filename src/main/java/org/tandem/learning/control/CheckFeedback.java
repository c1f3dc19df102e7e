package org.tandem.learning.control;

/**
 * What a learner sees after answering a knowledge check.
 *
 * @param chosen        the option index the learner chose (0-based)
 * @param correctOption the right option index (0-based)
 * @param explanation   Markdown from the check
 */
public record CheckFeedback(String sectionId, int chosen, int correctOption, String explanation) {

    public boolean correct() {
        return chosen == correctOption;
    }
}
