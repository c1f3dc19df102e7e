package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.evaluation.control.Fixtures.START;
import static org.tandem.evaluation.control.Fixtures.all;
import static org.tandem.evaluation.control.Fixtures.at;
import static org.tandem.evaluation.control.Fixtures.post;
import static org.tandem.evaluation.control.Fixtures.pre;
import static org.tandem.evaluation.control.Fixtures.version;
import static org.tandem.evaluation.control.Fixtures.withoutConsent;
import static org.tandem.learning.entity.ProfessionalGroup.CLINICIAN;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.evaluation.entity.MatchedPair;
import org.tandem.evaluation.entity.Response;

class MatchingTest {

    @Test
    void matchesPreAndPostOfTheSameLearnerAndCountsTheUnmatched() {
        Matching matching = Matching.of(List.of(pre("a", MANAGER, all(2)), post("a", MANAGER, all(4)),
                pre("b", CLINICIAN, all(3)), post("c", CLINICIAN, all(3)), pre("d", MANAGER, all(1))));

        assertThat(matching.pairs()).extracting(MatchedPair::learnerKey).containsExactly("a");
        assertThat(matching.matched()).isEqualTo(1);
        assertThat(matching.preOnly()).isEqualTo(2);
        assertThat(matching.postOnly()).isEqualTo(1);
        assertThat(matching.excludedNoConsent()).isZero();
        assertThat(matching.responses()).isEqualTo(5);
    }

    @Test
    void matchesOnlyTheSameInstrumentVersion() {
        Matching matching = Matching.of(List.of(pre("a", MANAGER, all(2)), version(post("a", MANAGER, all(4)), 2)));

        assertThat(matching.matched()).isZero();
        assertThat(matching.preOnly()).isEqualTo(1);
        assertThat(matching.postOnly()).isEqualTo(1);
    }

    @Test
    void theLatestResponseToAPhaseCountsAndTheOthersAreCountedAsSuperseded() {
        Response first = at(pre("a", MANAGER, all(1)), START);
        Response latest = at(pre("a", MANAGER, all(2)), START.plusSeconds(60));
        Response older = at(pre("a", MANAGER, all(3)), START.minusSeconds(60));

        Matching matching = Matching.of(List.of(first, latest, older, post("a", MANAGER, all(4))));

        assertThat(matching.pairs()).singleElement().extracting(MatchedPair::pre).isEqualTo(latest);
        assertThat(matching.superseded()).isEqualTo(2);
    }

    @Test
    void onEqualTimesTheResponseLaterInTheInputCounts() {
        Response first = pre("a", MANAGER, all(1));
        Response second = pre("a", MANAGER, all(2));

        Matching matching = Matching.of(List.of(first, second, post("a", MANAGER, all(4))));

        assertThat(matching.pairs().get(0).pre()).isEqualTo(second);
        assertThat(matching.superseded()).isEqualTo(1);
    }

    @Test
    void excludesALearnerWhoseCountedResponseLacksConsent() {
        Matching matching = Matching.of(List.of(
                pre("withdrew", MANAGER, all(2)), withoutConsent(post("withdrew", MANAGER, all(4))),
                withoutConsent(pre("never", CLINICIAN, all(2))), post("never", CLINICIAN, all(4)),
                withoutConsent(pre("pre-only", CLINICIAN, all(2))),
                pre("fine", CLINICIAN, all(2)), post("fine", CLINICIAN, all(3))));

        assertThat(matching.pairs()).extracting(MatchedPair::learnerKey).containsExactly("fine");
        assertThat(matching.excludedNoConsent()).isEqualTo(3);
        assertThat(matching.preOnly()).isZero();
        assertThat(matching.postOnly()).isZero();
    }

    @Test
    void consentGivenAgainOnALaterResponseCounts() {
        Response refused = at(withoutConsent(pre("a", MANAGER, all(1))), START);
        Response given = at(pre("a", MANAGER, all(2)), START.plusSeconds(60));

        Matching matching = Matching.of(List.of(refused, given, post("a", MANAGER, all(4))));

        assertThat(matching.matched()).isEqualTo(1);
        assertThat(matching.excludedNoConsent()).isZero();
        assertThat(matching.superseded()).isEqualTo(1);
    }

    @Test
    void accountsForEveryResponse() {
        List<Response> responses = List.of(pre("a", MANAGER, all(2)), post("a", MANAGER, all(4)),
                pre("a", MANAGER, all(3)), pre("b", CLINICIAN, all(3)), post("c", CLINICIAN, all(3)),
                withoutConsent(pre("d", MANAGER, all(1))), post("d", MANAGER, all(1)));

        Matching matching = Matching.of(responses);

        int excludedResponses = 2;
        assertThat(2 * matching.matched() + matching.preOnly() + matching.postOnly() + excludedResponses + matching.superseded())
                .isEqualTo(matching.responses());
    }

    @Test
    void takesTheGroupFromThePostResponse() {
        Matching matching = Matching.of(List.of(pre("a", MANAGER, all(2)), post("a", CLINICIAN, all(4))));

        assertThat(matching.pairs().get(0).group()).isEqualTo(CLINICIAN);
    }

    @Test
    void nothingToMatch() {
        Matching matching = Matching.of(List.of());

        assertThat(matching.pairs()).isEmpty();
        assertThat(matching.responses()).isZero();
    }
}
