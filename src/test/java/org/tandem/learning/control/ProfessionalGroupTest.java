package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/** The entity enums read from launch parameters (tested here, beside the code that relies on them). */
class ProfessionalGroupTest {

    @ParameterizedTest
    @CsvSource({
            "manager, MANAGER", "Manager, MANAGER", "MANAGEMENT, MANAGER", "administrator, MANAGER", " managers , MANAGER",
            "clinician, CLINICIAN", "Nurse, CLINICIAN", "nursing, CLINICIAN", "doctor, CLINICIAN", "Medical, CLINICIAN",
            "AHP, CLINICIAN", "allied health, CLINICIAN", "Allied-Health, CLINICIAN", "allied_health, CLINICIAN",
            "other, OTHER", "OTHER, OTHER"})
    void readsTheGroupFromCommonWords(String parameter, ProfessionalGroup group) {
        assertThat(ProfessionalGroup.fromParameter(parameter)).contains(group);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"student", "nurse manager", "mgr", "   "})
    void unknownWordsLeaveTheGroupToBeAsked(String parameter) {
        assertThat(ProfessionalGroup.fromParameter(parameter)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"pre, PRE", "PRE, PRE", " Post , POST"})
    void readsThePhase(String parameter, Phase phase) {
        assertThat(Phase.fromParameter(parameter)).contains(phase);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"then", "before"})
    void unknownPhaseIsEmpty(String parameter) {
        assertThat(Phase.fromParameter(parameter)).isEmpty();
    }
}
