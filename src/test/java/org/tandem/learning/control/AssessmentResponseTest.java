package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.tandem.learning.control.TestContent.relationship;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.learning.entity.Phase;

class AssessmentResponseTest {

    private final Instrument instrument = relationship();

    private static AssessmentResponse answerAll(AssessmentResponse response, int value) {
        for (String item : new String[] {"u1", "u2", "u3", "u4", "t1", "t2"}) {
            response = response.answer(item, value);
        }
        return response;
    }

    private static AssessmentResponse rateAllThen(AssessmentResponse response, int value) {
        for (String item : new String[] {"u1", "u2", "u3", "u4", "t1", "t2"}) {
            response = response.answerThen(item, value);
        }
        return response;
    }

    @Test
    void keepsAnswersInTheInstrumentsItemOrderAndLetsThemChange() {
        AssessmentResponse response = AssessmentResponse.start(instrument, Phase.PRE)
                .answer("t1", 2).answer("u1", 3).answer("t1", 5);

        assertThat(response.answers()).containsExactly(entry("u1", 3), entry("t1", 5));
    }

    @Test
    void refusesUnknownItem() {
        assertThatThrownBy(() -> AssessmentResponse.start(instrument, Phase.PRE).answer("x9", 3))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("no item 'x9'");
    }

    @Test
    void refusesValueOffTheScale() {
        AssessmentResponse response = AssessmentResponse.start(instrument, Phase.PRE);

        assertThatThrownBy(() -> response.answer("u1", 6)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("1 to 5").hasMessageContaining("6");
        assertThatThrownBy(() -> response.answer("u1", 0)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> response.chooseOutlook(0).answerThen("u1", 3)).isInstanceOf(InvalidAnswer.class);
    }

    @Test
    void scoresSubscalesWithReverseScoring() {
        AssessmentResponse response = answerAll(AssessmentResponse.start(instrument, Phase.PRE), 5);

        // u2 and t2 are reversed: 5 counts as 1
        assertThat(response.subscaleScores()).extracting(s -> s.mean().getAsDouble()).containsExactly(4.0, 3.0);
        assertThat(response.total()).hasValue(3.5);
    }

    @Test
    void refusesThenRatingsOnThePreForm() {
        assertThatThrownBy(() -> AssessmentResponse.start(instrument, Phase.PRE).answerThen("u1", 3))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("post form only");
    }

    @Test
    void refusesThenRatingsWhenTheInstrumentHasNoThenTest() {
        Instrument noThen = relationship(false, true, null);

        assertThatThrownBy(() -> AssessmentResponse.start(noThen, Phase.POST).answerThen("u1", 3))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("no then-ratings");
    }

    @Test
    void thenRatingsAreScoredApart() {
        AssessmentResponse post = rateAllThen(answerAll(AssessmentResponse.start(instrument, Phase.POST), 4), 2);

        assertThat(post.asksThen()).isTrue();
        assertThat(post.total()).hasValue((3.5 + 3.0) / 2);
        assertThat(post.thenSubscaleScores()).extracting(s -> s.mean().getAsDouble()).containsExactly(2.5, 3.0);
        assertThat(post.thenTotal()).hasValue(2.75);
    }

    @Test
    void preFormIsCompleteWithEveryItemAndTheOutlook() {
        AssessmentResponse answered = answerAll(AssessmentResponse.start(instrument, Phase.PRE), 3);

        assertThat(answered.complete()).isFalse();
        assertThat(answered.missing()).containsExactly("outlook");
        assertThat(answered.chooseOutlook(2).complete()).as("free text is optional").isTrue();
        assertThat(answered.chooseOutlook(2).outlook()).hasValue(2);
    }

    @Test
    void postFormWithThenTestNeedsEveryThenRating() {
        AssessmentResponse post = answerAll(AssessmentResponse.start(instrument, Phase.POST), 3).chooseOutlook(0)
                .answerThen("u1", 2);

        assertThat(post.complete()).isFalse();
        assertThat(post.missing()).containsExactly("then:u2", "then:u3", "then:u4", "then:t1", "then:t2");
        assertThat(rateAllThen(post, 2).complete()).isTrue();
    }

    @Test
    void instrumentWithoutOutlookOrThenTestIsCompleteWithItemsAlone() {
        Instrument plain = relationship(false, false, null);

        assertThat(answerAll(AssessmentResponse.start(plain, Phase.POST), 3).complete()).isTrue();
        assertThat(AssessmentResponse.start(plain, Phase.POST).answer("u1", 3).missing())
                .containsExactly("u2", "u3", "u4", "t1", "t2");
    }

    @Test
    void refusesOutlookOptionOutOfRange() {
        assertThatThrownBy(() -> AssessmentResponse.start(instrument, Phase.PRE).chooseOutlook(3))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("0 to 2");
    }

    @Test
    void refusesOutlookWhenTheInstrumentHasNone() {
        assertThatThrownBy(() -> AssessmentResponse.start(relationship(true, false, null), Phase.PRE).chooseOutlook(0))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("no outlook");
    }

    @Test
    void keepsFreeTextWithinItsLimit() {
        AssessmentResponse response = AssessmentResponse.start(instrument, Phase.PRE).writeFreeText("More shadowing, please.");

        assertThat(response.freeText()).contains("More shadowing, please.");
        assertThat(response.writeFreeText(" ").freeText()).isEmpty();
        assertThatThrownBy(() -> response.writeFreeText("x".repeat(AssessmentResponse.MAX_FREE_TEXT_LENGTH + 1)))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("4000");
    }

    @Test
    void refusesFreeTextWhenTheInstrumentAsksNone() {
        assertThatThrownBy(() -> AssessmentResponse.start(relationship(true, true, null), Phase.PRE).writeFreeText("Hi"))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("no free-text");
    }

    @Test
    void restoresAStoredResponse() {
        AssessmentResponse restored = AssessmentResponse.restore(instrument, Phase.POST, Map.of("u1", 4, "t2", 1),
                Map.of("u1", 2), 1, "Kept");

        assertThat(restored.answers()).containsExactly(entry("u1", 4), entry("t2", 1));
        assertThat(restored.thenAnswers()).containsExactly(entry("u1", 2));
        assertThat(restored.outlook()).hasValue(1);
        assertThat(restored.freeText()).contains("Kept");
        assertThatThrownBy(() -> AssessmentResponse.restore(instrument, Phase.PRE, Map.of(), Map.of("u1", 2), null, null))
                .isInstanceOf(InvalidAnswer.class);
    }
}
