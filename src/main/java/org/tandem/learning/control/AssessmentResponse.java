package org.tandem.learning.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.learning.entity.Phase;

/**
 * One learner's answers to an instrument in one phase: Likert answers, on the post form the
 * retrospective "then" ratings when the instrument asks for them, the outlook item and free text.
 * Answers may be changed until the response is submitted. Immutable.
 */
public final class AssessmentResponse {

    /** Free text is a comment, not an essay; counted in characters (code points). */
    public static final int MAX_FREE_TEXT_LENGTH = 4000;

    private final Instrument instrument;
    private final Phase phase;
    private final Map<String, Integer> answers;
    private final Map<String, Integer> thenAnswers;
    private final Integer outlook;
    private final String freeText;

    private AssessmentResponse(Instrument instrument, Phase phase, Map<String, Integer> answers,
                               Map<String, Integer> thenAnswers, Integer outlook, String freeText) {
        this.instrument = instrument;
        this.phase = phase;
        this.answers = Collections.unmodifiableMap(inItemOrder(instrument, answers));
        this.thenAnswers = Collections.unmodifiableMap(inItemOrder(instrument, thenAnswers));
        this.outlook = outlook;
        this.freeText = freeText;
    }

    /** An empty response. */
    public static AssessmentResponse start(Instrument instrument, Phase phase) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(phase, "phase");
        return new AssessmentResponse(instrument, phase, Map.of(), Map.of(), null, null);
    }

    /**
     * Rebuilds a stored response under the same rules as answering it.
     *
     * @param outlook  stored outlook option, or {@code null}
     * @param freeText stored free text, or {@code null}
     * @throws InvalidAnswer if the stored response does not fit the instrument
     */
    public static AssessmentResponse restore(Instrument instrument, Phase phase, Map<String, Integer> answers,
                                             Map<String, Integer> thenAnswers, Integer outlook, String freeText) {
        AssessmentResponse response = start(instrument, phase);
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
            response = response.answer(answer.getKey(), answer.getValue());
        }
        for (Map.Entry<String, Integer> answer : thenAnswers.entrySet()) {
            response = response.answerThen(answer.getKey(), answer.getValue());
        }
        if (outlook != null) {
            response = response.chooseOutlook(outlook);
        }
        return response.writeFreeText(freeText);
    }

    /**
     * Answers (or re-answers) a Likert item.
     *
     * @throws InvalidAnswer if the instrument has no such item or the value is off the scale
     */
    public AssessmentResponse answer(String itemId, int value) {
        Map<String, Integer> changed = new LinkedHashMap<>(answers);
        changed.put(checked(itemId, value), value);
        return new AssessmentResponse(instrument, phase, changed, thenAnswers, outlook, freeText);
    }

    /**
     * Gives the retrospective rating of an item: how the learner, looking back, would have
     * answered before the training.
     *
     * @throws InvalidAnswer if this response asks for no then-ratings, or as {@link #answer}
     */
    public AssessmentResponse answerThen(String itemId, int value) {
        if (!asksThen()) {
            throw new InvalidAnswer(instrument.thenTest()
                    ? "Then-ratings are asked on the post form only, not on the " + phase.name().toLowerCase(Locale.ROOT) + " form"
                    : "Instrument '" + instrument.id() + "' asks for no then-ratings");
        }
        Map<String, Integer> changed = new LinkedHashMap<>(thenAnswers);
        changed.put(checked(itemId, value), value);
        return new AssessmentResponse(instrument, phase, answers, changed, outlook, freeText);
    }

    /**
     * Chooses an option of the outlook item.
     *
     * @throws InvalidAnswer if the instrument has no outlook item or the option is not one of its
     */
    public AssessmentResponse chooseOutlook(int option) {
        if (instrument.outlook() == null) {
            throw new InvalidAnswer("Instrument '" + instrument.id() + "' has no outlook item");
        }
        int options = instrument.outlook().options().size();
        if (option < 0 || option >= options) {
            throw new InvalidAnswer("The outlook item has options 0 to " + (options - 1) + "; " + option + " is not one of them");
        }
        return new AssessmentResponse(instrument, phase, answers, thenAnswers, option, freeText);
    }

    /**
     * Keeps (or replaces) the free-text answer; blank or {@code null} removes it.
     *
     * @throws InvalidAnswer if the instrument asks no free-text question or the text is too long
     */
    public AssessmentResponse writeFreeText(String text) {
        if (text == null || text.isBlank()) {
            return new AssessmentResponse(instrument, phase, answers, thenAnswers, outlook, null);
        }
        if (instrument.freeTextPrompt() == null) {
            throw new InvalidAnswer("Instrument '" + instrument.id() + "' asks no free-text question");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_FREE_TEXT_LENGTH) {
            throw new InvalidAnswer("The free-text answer may be " + MAX_FREE_TEXT_LENGTH + " characters long; this one has " + length);
        }
        return new AssessmentResponse(instrument, phase, answers, thenAnswers, outlook, text);
    }

    public Instrument instrument() {
        return instrument;
    }

    public Phase phase() {
        return phase;
    }

    /** Whether this form asks for then-ratings: the post form of an instrument with a then-test. */
    public boolean asksThen() {
        return instrument.thenTest() && phase == Phase.POST;
    }

    /** Item id → answer, in the instrument's item order. */
    public Map<String, Integer> answers() {
        return answers;
    }

    /** Item id → then-rating, in the instrument's item order. */
    public Map<String, Integer> thenAnswers() {
        return thenAnswers;
    }

    public OptionalInt outlook() {
        return outlook == null ? OptionalInt.empty() : OptionalInt.of(outlook);
    }

    public Optional<String> freeText() {
        return Optional.ofNullable(freeText);
    }

    /**
     * Complete when every item is answered, every then-rating given if the form asks for them,
     * and the outlook chosen if the instrument has one. Free text is optional.
     */
    public boolean complete() {
        return missing().isEmpty();
    }

    /**
     * What still needs an answer before the response is complete: item ids, then {@code "then:"}
     * + item id for missing then-ratings, then the outlook item's id.
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Item item : instrument.items()) {
            if (!answers.containsKey(item.id())) {
                missing.add(item.id());
            }
        }
        if (asksThen()) {
            for (Item item : instrument.items()) {
                if (!thenAnswers.containsKey(item.id())) {
                    missing.add("then:" + item.id());
                }
            }
        }
        if (instrument.outlook() != null && outlook == null) {
            missing.add(instrument.outlook().id());
        }
        return List.copyOf(missing);
    }

    /** Subscale scores of the answers, in the instrument's order. */
    public List<SubscaleScore> subscaleScores() {
        return new InstrumentScoring(instrument).subscaleScores(answers);
    }

    /** Mean of the subscale scores that exist; empty when none does. */
    public OptionalDouble total() {
        return InstrumentScoring.total(subscaleScores());
    }

    /** Subscale scores of the then-ratings (all without a score when none were asked). */
    public List<SubscaleScore> thenSubscaleScores() {
        return new InstrumentScoring(instrument).subscaleScores(thenAnswers);
    }

    /** Mean of the then-rating subscale scores that exist; empty when none does. */
    public OptionalDouble thenTotal() {
        return InstrumentScoring.total(thenSubscaleScores());
    }

    private String checked(String itemId, int value) {
        if (instrument.item(itemId).isEmpty()) {
            throw new InvalidAnswer("Instrument '" + instrument.id() + "' has no item '" + itemId + "'");
        }
        if (!instrument.scale().contains(value)) {
            throw new InvalidAnswer("Answers to item '" + itemId + "' run from " + instrument.scale().min() + " to "
                    + instrument.scale().max() + "; " + value + " is off the scale");
        }
        return itemId;
    }

    private static Map<String, Integer> inItemOrder(Instrument instrument, Map<String, Integer> byItem) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (Item item : instrument.items()) {
            Integer value = byItem.get(item.id());
            if (value != null) {
                ordered.put(item.id(), value);
            }
        }
        return ordered;
    }
}
