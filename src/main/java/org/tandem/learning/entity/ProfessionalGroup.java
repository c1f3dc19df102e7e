package org.tandem.learning.entity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's professional group, taken from a launch custom parameter when the LMS sends one,
 * else asked once.
 */
public enum ProfessionalGroup {
    MANAGER, CLINICIAN, OTHER;

    // LMS administrators fill the custom parameter by hand or from HR data, so accept the words
    // they are likely to use rather than only our own three.
    private static final Map<String, ProfessionalGroup> WORDS = Map.ofEntries(
            Map.entry("manager", MANAGER), Map.entry("managers", MANAGER), Map.entry("management", MANAGER),
            Map.entry("administrator", MANAGER), Map.entry("administrators", MANAGER),
            Map.entry("administration", MANAGER), Map.entry("admin", MANAGER),
            Map.entry("executive", MANAGER), Map.entry("non clinical manager", MANAGER),
            Map.entry("clinician", CLINICIAN), Map.entry("clinicians", CLINICIAN), Map.entry("clinical", CLINICIAN),
            Map.entry("nurse", CLINICIAN), Map.entry("nurses", CLINICIAN), Map.entry("nursing", CLINICIAN),
            Map.entry("midwife", CLINICIAN), Map.entry("midwifery", CLINICIAN),
            Map.entry("doctor", CLINICIAN), Map.entry("doctors", CLINICIAN), Map.entry("physician", CLINICIAN),
            Map.entry("medical", CLINICIAN), Map.entry("medicine", CLINICIAN),
            Map.entry("ahp", CLINICIAN), Map.entry("ahps", CLINICIAN), Map.entry("allied health", CLINICIAN),
            Map.entry("allied health professional", CLINICIAN), Map.entry("allied health professionals", CLINICIAN),
            Map.entry("other", OTHER));

    /** The group's name as pages show it: "Manager", "Clinician", "Other role". */
    public String label() {
        return switch (this) {
            case MANAGER -> "Manager";
            case CLINICIAN -> "Clinician";
            case OTHER -> "Other role";
        };
    }

    /**
     * Reads the professional group from a parameter such as "manager", "Clinician", "nurse",
     * "allied_health" or "Allied-Health"; case, surrounding blanks and the separators space,
     * hyphen and underscore do not matter. An unknown word is empty, so the learner is asked.
     */
    public static Optional<ProfessionalGroup> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalised = value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
        return Optional.ofNullable(WORDS.get(normalised));
    }
}
