package org.tandem.access.entity;

/** What a person may do in Tandem, from the most to the least privileged. */
public enum TandemRole {
    ADMIN("Administrator"),
    EVALUATOR("Evaluator"),
    TRAINER("Trainer"),
    LEARNER("Learner");

    private final String label;

    TandemRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
