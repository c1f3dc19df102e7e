package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.InvalidAnswer;
import org.tandem.learning.entity.Phase;

/** The evaluation's one-pass reader gives what {@link AttemptStates#assessment} gives, and refuses what it refuses. */
class StoredAssessmentTest {

    private static final Instrument RELATIONSHIP = new PackReader().readClasspath("content/starter").instrument("relationship")
            .orElseThrow();

    @Test
    void readsWhatTheLearningComponentReads() {
        for (Instrument instrument : List.of(RELATIONSHIP, Fixtures.instrument(), Fixtures.instrument(false))) {
            SimulatedCohort cohort = new SimulatedCohort(instrument, 5);
            StoredAssessment reader = new StoredAssessment(instrument);
            for (SimulatedCohort.Learner learner : cohort.learners("r", 20, 20, 5)) {
                for (Phase phase : Phase.values()) {
                    String json = cohort.state(learner, phase);
                    AssessmentResponse expected = AttemptStates.assessment(instrument, phase, json);
                    StoredAssessment.Answers read = reader.read(phase, json);
                    assertThat(read.answers()).isEqualTo(expected.answers());
                    assertThat(read.thenAnswers()).isEqualTo(expected.thenAnswers());
                    assertThat(read.outlook()).isEqualTo(expected.outlook());
                    assertThat(read.freeText()).isEqualTo(expected.freeText());
                }
            }
        }
    }

    @Test
    void readsPartialAndEmptyStates() {
        StoredAssessment reader = new StoredAssessment(RELATIONSHIP);
        for (String json : new String[] {"{}", "", null, "{\"answers\":{\"trust-1\":2}}",
                "{\"answers\":{},\"then\":{},\"free_text\":\"  \"}", "{\"answers\":{\"trust-2\":5},\"outlook\":null}"}) {
            AssessmentResponse expected = AttemptStates.assessment(RELATIONSHIP, Phase.PRE, json);
            StoredAssessment.Answers read = reader.read(Phase.PRE, json);
            assertThat(read.answers()).as(json).isEqualTo(expected.answers());
            assertThat(read.outlook()).as(json).isEqualTo(expected.outlook());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"answers\":{\"trust-1\":9}}",
        "{\"answers\":{\"trust-1\":0}}",
        "{\"answers\":{\"trust-1\":\"often\"}}",
        "{\"answers\":{\"no-such-item\":3}}",
        "{\"then\":{\"trust-1\":3}}",
        "{\"then\":{\"trust-1\":7}}",
        "{\"outlook\":3}",
        "{\"outlook\":-1}",
    })
    void refusesWhatTheLearningComponentRefuses(String json) {
        Phase phase = json.contains("then") && !json.contains("7") ? Phase.PRE : Phase.POST;
        assertThatThrownBy(() -> AttemptStates.assessment(RELATIONSHIP, phase, json)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> new StoredAssessment(RELATIONSHIP).read(phase, json)).isInstanceOf(InvalidAnswer.class);
    }

    @Test
    void refusesFreeTextWhereNoneIsAskedAndStatesThatAreNotJson() {
        Instrument noPrompt = Fixtures.instrument();
        String json = "{\"free_text\":\"more meetings\"}";
        assertThatThrownBy(() -> AttemptStates.assessment(noPrompt, Phase.PRE, json)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> new StoredAssessment(noPrompt).read(Phase.PRE, json)).isInstanceOf(InvalidAnswer.class);
        String tooLong = "{\"free_text\":\"" + "x".repeat(AssessmentResponse.MAX_FREE_TEXT_LENGTH + 1) + "\"}";
        assertThatThrownBy(() -> new StoredAssessment(RELATIONSHIP).read(Phase.PRE, tooLong)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> AttemptStates.assessment(RELATIONSHIP, Phase.PRE, tooLong)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> new StoredAssessment(RELATIONSHIP).read(Phase.PRE, "{not json")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AttemptStates.assessment(RELATIONSHIP, Phase.PRE, "{not json")).isInstanceOf(IllegalStateException.class);
    }
}
