package org.tandem.gradebook.entity;

/**
 * What a column receives. Assessments send completion by default: a measure of attitudes that
 * earns course credit gets gamed. Modules and scenarios send their score.
 */
public enum SendMode {
    /** Full marks once the activity is completed, whatever the answers. */
    COMPLETION,
    /** The result: knowledge checks, scenario rubric, or an assessment's total on its scale. */
    SCORE;

    public static java.util.Optional<SendMode> fromParameter(String value) {
        if (value == null) {
            return java.util.Optional.empty();
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "completion" -> java.util.Optional.of(COMPLETION);
            case "score" -> java.util.Optional.of(SCORE);
            default -> java.util.Optional.empty();
        };
    }

    public String parameter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
