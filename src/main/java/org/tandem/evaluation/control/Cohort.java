package org.tandem.evaluation.control;

import java.util.Optional;
import org.tandem.learning.entity.ProfessionalGroup;

/** Whose results a figure describes: all matched learners, or one professional group. */
public enum Cohort {
    ALL(null, "All learners"),
    MANAGERS(ProfessionalGroup.MANAGER, "Managers"),
    CLINICIANS(ProfessionalGroup.CLINICIAN, "Clinicians"),
    OTHERS(ProfessionalGroup.OTHER, "Other professions");

    private final ProfessionalGroup group;
    private final String label;

    Cohort(ProfessionalGroup group, String label) {
        this.group = group;
        this.label = label;
    }

    public static Cohort of(ProfessionalGroup group) {
        for (Cohort cohort : values()) {
            if (cohort.group == group) {
                return cohort;
            }
        }
        throw new IllegalArgumentException("No cohort for " + group);
    }

    /** The professional group; empty for {@link #ALL}. */
    public Optional<ProfessionalGroup> group() {
        return Optional.ofNullable(group);
    }

    public boolean includes(ProfessionalGroup learnerGroup) {
        return group == null || group == learnerGroup;
    }

    public String label() {
        return label;
    }
}
