package org.tandem.evaluation.control;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.evaluation.entity.MatchedPair;
import org.tandem.learning.control.InstrumentScoring;
import org.tandem.learning.control.SubscaleScore;

/**
 * One matched learner's scores on every measure, before, after and (where asked) in hindsight,
 * scored as the instrument scores them: reverse items turned round, a subscale scored when at
 * least half its items are answered. The total is the mean of the subscale scores and counts only
 * when every subscale has one, so that a pre and a post total always average the same subscales.
 * Charts and exports read per-learner scores from here.
 */
public final class ScoredPair {

    private final MatchedPair pair;
    private final List<Measure> measures;
    private final double[] pre;
    private final double[] post;
    private final double[] then;
    private final double[] preItems;
    private final double[] postItems;

    private ScoredPair(MatchedPair pair, List<Measure> measures, double[] pre, double[] post, double[] then,
                       double[] preItems, double[] postItems) {
        this.pair = pair;
        this.measures = measures;
        this.pre = pre;
        this.post = post;
        this.then = then;
        this.preItems = preItems;
        this.postItems = postItems;
    }

    /**
     * Scores a pair on the instrument's measures: its subscales in order, then the total.
     * Then-ratings count only when the instrument asks for them.
     */
    static ScoredPair of(MatchedPair pair, Instrument instrument, InstrumentScoring scoring, List<Measure> measures) {
        Objects.requireNonNull(pair, "pair");
        double[] then = instrument.thenTest() && !pair.post().thenAnswers().isEmpty()
                ? scores(scoring, pair.post().thenAnswers())
                : nothing(measures.size());
        return new ScoredPair(pair, measures, scores(scoring, pair.pre().answers()), scores(scoring, pair.post().answers()),
                then, itemScores(instrument, scoring, pair.pre().answers()), itemScores(instrument, scoring, pair.post().answers()));
    }

    private static double[] scores(InstrumentScoring scoring, Map<String, Integer> answers) {
        List<SubscaleScore> subscales = scoring.subscaleScores(answers);
        double[] scores = new double[subscales.size() + 1];
        double sum = 0;
        boolean complete = true;
        for (int i = 0; i < subscales.size(); i++) {
            OptionalDouble mean = subscales.get(i).mean();
            scores[i] = mean.orElse(Double.NaN);
            complete &= mean.isPresent();
            sum += scores[i];
        }
        scores[subscales.size()] = complete && !subscales.isEmpty() ? sum / subscales.size() : Double.NaN;
        return scores;
    }

    private static double[] itemScores(Instrument instrument, InstrumentScoring scoring, Map<String, Integer> answers) {
        List<Item> items = instrument.items();
        double[] scores = new double[items.size()];
        for (int i = 0; i < scores.length; i++) {
            Integer answer = answers.get(items.get(i).id());
            scores[i] = answer == null ? Double.NaN : scoring.itemScore(items.get(i), answer);
        }
        return scores;
    }

    private static double[] nothing(int size) {
        double[] none = new double[size];
        Arrays.fill(none, Double.NaN);
        return none;
    }

    public MatchedPair pair() {
        return pair;
    }

    public OptionalDouble pre(Measure measure) {
        return optional(pre[index(measure)]);
    }

    public OptionalDouble post(Measure measure) {
        return optional(post[index(measure)]);
    }

    /** The retrospective then score; empty when not asked or not enough then-ratings given. */
    public OptionalDouble then(Measure measure) {
        return optional(then[index(measure)]);
    }

    /** Post − pre; empty unless both exist. */
    public OptionalDouble change(Measure measure) {
        int index = index(measure);
        return optional(post[index] - pre[index]);
    }

    double preScore(int measure) {
        return pre[measure];
    }

    double postScore(int measure) {
        return post[measure];
    }

    double thenScore(int measure) {
        return then[measure];
    }

    /** Reverse-scored pre answers to every item in the instrument's order, NaN where missing; not to be changed. */
    double[] preItems() {
        return preItems;
    }

    double[] postItems() {
        return postItems;
    }

    private int index(Measure measure) {
        int index = measures.indexOf(measure);
        if (index < 0) {
            throw new IllegalArgumentException("Not a measure of this instrument: " + measure);
        }
        return index;
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
