package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/** Free-text answers for evaluators: consenting learners only, small groups withheld, no pseudonyms, formulas neutralised. */
class FreeTextAnswersTest {

    private static Instrument asking() {
        Instrument base = Fixtures.instrument();
        return new Instrument(base.id(), base.version(), base.title(), base.instructions(), base.scale(), base.subscales(),
                base.outlook(), base.thenTest(), "What one change would help most?");
    }

    private static Response written(Response response, String text) {
        return new Response(response.learnerKey(), response.group(), response.consented(), response.phase(), response.instrument(),
                response.answers(), response.thenAnswers(), response.outlook(), response.submitted(), Optional.ofNullable(text));
    }

    /** {@code managers} and {@code clinicians} who all write after the programme; the first manager declined consent. */
    private static EvaluationReport report(int managers, int clinicians) {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < managers + clinicians; i++) {
            ProfessionalGroup group = i < managers ? ProfessionalGroup.MANAGER : ProfessionalGroup.CLINICIAN;
            Response pre = Fixtures.pre("k" + i, group, Fixtures.all(3));
            responses.add(i == 0 ? Fixtures.withoutConsent(pre) : pre);
            responses.add(written(Fixtures.post("k" + i, group, Fixtures.all(4)), (i == 1 ? "=SUM(A1:A9) " : "") + group
                    + " answer " + (char) ('a' + (i * 7) % 26)));
        }
        responses.add(written(Fixtures.pre("pre-only", ProfessionalGroup.MANAGER, Fixtures.all(2)), "   "));
        return EvaluationReport.of(asking(), Fixtures.answering(asking(), responses), Suppression.standard());
    }

    @Test
    void showsConsentingLearnersAnswersByGroupSortedSoTheOrderSaysNothing() {
        FreeTextAnswers answers = FreeTextAnswers.of(report(10, 9));

        assertThat(answers.prompt()).hasValue("What one change would help most?");
        List<FreeTextAnswers.Answer> managers = answers.answers(Phase.POST, ProfessionalGroup.MANAGER).get();
        assertThat(managers).as("nine: the manager who declined consent is left out").hasSize(9)
                .extracting(FreeTextAnswers.Answer::text).isSortedAccordingTo(java.text.Collator.getInstance(java.util.Locale.UK))
                .noneMatch(text -> text.endsWith(" answer a"));
        assertThat(answers.answers(Phase.POST, ProfessionalGroup.CLINICIAN).get()).hasSize(9);
        assertThat(answers.answers(Phase.PRE, ProfessionalGroup.MANAGER).get()).as("a blank answer is no answer").isEmpty();
        assertThat(answers.shown()).hasSize(18);
    }

    @Test
    void withholdsAGroupWithFewerAnswersThanTheMinimum() {
        FreeTextAnswers answers = FreeTextAnswers.of(report(10, 4));

        assertThat(answers.answers(Phase.POST, ProfessionalGroup.CLINICIAN).suppressed()).isTrue();
        assertThat(answers.answers(Phase.POST, ProfessionalGroup.CLINICIAN).reason())
                .hasValue("Suppressed: fewer than 8 learners who answered it (the minimum for reporting is 8).");
        assertThat(answers.answers(Phase.POST, ProfessionalGroup.MANAGER).get()).hasSize(9);
        assertThat(answers.shown()).extracting(FreeTextAnswers.Answer::group).containsOnly(ProfessionalGroup.MANAGER);
        assertThat(answers.csv()).doesNotContain("CLINICIAN answer").contains("post,manager,");
    }

    @Test
    void exportsPhaseGroupAndAnswerWithTheFormulaGuardAndNoPseudonym() {
        String csv = FreeTextAnswers.of(report(10, 9)).csv();

        assertThat(csv).startsWith("phase,group,answer\r\n").contains("\r\npost,manager,'=SUM(A1:A9) MANAGER answer h\r\n")
                .doesNotContain("k1").doesNotContain("p-");
        assertThat(csv.split("\r\n")).hasSize(19);
    }

    @Test
    void hasNothingWhenTheInstrumentAsksNothing() {
        FreeTextAnswers answers = FreeTextAnswers.of(EvaluationReport.of(Fixtures.instrument(), List.of(), Suppression.standard()));

        assertThat(answers.prompt()).isEmpty();
        assertThat(answers.shown()).isEmpty();
    }
}
