package org.tandem.learning.control;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Subscale;

/**
 * How an instrument turns Likert answers into scores: reverse-scored items count (min + max −
 * answer); a subscale scores the mean of its items when at least half of them are answered (the
 * usual half rule for prorating Likert scales), and the total is the mean of the subscales that
 * have a score.
 */
public final class InstrumentScoring {

    private final Instrument instrument;

    public InstrumentScoring(Instrument instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    /** The score an answer contributes to its subscale. */
    public int itemScore(Item item, int answer) {
        Scale scale = instrument.scale();
        return item.reverse() ? scale.min() + scale.max() - answer : answer;
    }

    /**
     * Per subscale, in the instrument's order, the score of these answers (item id → value on
     * the scale). Answers to ids that are not the instrument's items are ignored.
     */
    public List<SubscaleScore> subscaleScores(Map<String, Integer> answers) {
        return instrument.subscales().stream().map(subscale -> score(subscale, answers)).toList();
    }

    /** The mean of the subscale scores that exist; empty when none does. */
    public OptionalDouble total(Map<String, Integer> answers) {
        return total(subscaleScores(answers));
    }

    static OptionalDouble total(List<SubscaleScore> scores) {
        return scores.stream().map(SubscaleScore::mean).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
    }

    private SubscaleScore score(Subscale subscale, Map<String, Integer> answers) {
        int answered = 0;
        long sum = 0;
        for (Item item : subscale.items()) {
            Integer answer = answers.get(item.id());
            if (answer != null) {
                answered++;
                sum += itemScore(item, answer);
            }
        }
        int missing = subscale.items().size() - answered;
        boolean enough = answered > 0 && missing * 2 <= subscale.items().size();
        return new SubscaleScore(subscale.id(), enough ? OptionalDouble.of((double) sum / answered) : OptionalDouble.empty(),
                answered, missing);
    }
}
