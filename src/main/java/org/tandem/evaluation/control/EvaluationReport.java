package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.evaluation.entity.MatchedPair;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.InstrumentScoring;

/**
 * The evaluation of one instrument (id, version and content): matching counts; per measure (each subscale and the
 * total) and cohort (all learners and each professional group) the change from pre to post,
 * Cronbach's alpha before and after and the then-test; the difference in change between managers
 * and clinicians; and the outlook cross-tabulation — with small groups suppressed by
 * {@link Suppression} and a plain-language {@link Reading} of each result.
 * <p>
 * Responses to other versions of the instrument (or, from before Tandem refused that, to another
 * content published under the same id and version) are counted, not analysed: pre and post must
 * be the same instrument to be compared, and learners scored by one rule. The work is linear in the number of responses (sorting
 * inside the signed-rank test aside), so a programme of ten thousand learners takes well under a
 * second.
 */
public final class EvaluationReport {

    private static final String MATCHED = "matched learners with a score before and after";
    private static final String THEN = "learners with then-ratings";
    private static final String OUTLOOK = "learners who answered the outlook item before and after";

    private final Instrument instrument;
    private final InstrumentIdentity identity;
    private final Suppression suppression;
    private final Matching matching;
    private final int otherVersionResponses;
    private final List<Measure> measures;
    private final List<ScoredPair> scoredPairs;
    private final Map<Measure, Map<Cohort, Cell>> cells;
    private final Map<Measure, Outcome<GroupDifference>> groupDifferences;
    private final Map<Cohort, Outcome<OutlookTable>> outlook;

    private EvaluationReport(Instrument instrument, InstrumentIdentity identity, Suppression suppression, Matching matching,
                             int otherVersionResponses,
                             List<Measure> measures, List<ScoredPair> scoredPairs, Map<Measure, Map<Cohort, Cell>> cells,
                             Map<Measure, Outcome<GroupDifference>> groupDifferences, Map<Cohort, Outcome<OutlookTable>> outlook) {
        this.instrument = instrument;
        this.identity = identity;
        this.suppression = suppression;
        this.matching = matching;
        this.otherVersionResponses = otherVersionResponses;
        this.measures = List.copyOf(measures);
        this.scoredPairs = List.copyOf(scoredPairs);
        this.cells = Collections.unmodifiableMap(cells);
        this.groupDifferences = Collections.unmodifiableMap(groupDifferences);
        this.outlook = Collections.unmodifiableMap(outlook);
    }

    /**
     * Evaluates the responses to {@code instrument} (its id, version and content); responses to
     * other versions or contents are only counted.
     */
    public static EvaluationReport of(Instrument instrument, Collection<Response> responses, Suppression suppression) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(suppression, "suppression");
        InstrumentIdentity identity = PackJson.identity(instrument);
        List<Response> sameVersion = new ArrayList<>(responses.size());
        for (Response response : responses) {
            if (response.instrument().equals(identity)) {
                sameVersion.add(response);
            }
        }
        Matching matching = Matching.of(sameVersion);
        List<Measure> measures = new ArrayList<>();
        for (Subscale subscale : instrument.subscales()) {
            measures.add(Measure.of(subscale));
        }
        measures.add(Measure.TOTAL);
        InstrumentScoring scoring = new InstrumentScoring(instrument);
        List<Measure> fixedMeasures = List.copyOf(measures);
        List<ScoredPair> scored = new ArrayList<>(matching.matched());
        for (MatchedPair pair : matching.pairs()) {
            scored.add(ScoredPair.of(pair, instrument, scoring, fixedMeasures));
        }
        Analysis analysis = new Analysis(instrument, suppression, fixedMeasures, scored);
        Map<Measure, Map<Cohort, Cell>> cells = new LinkedHashMap<>();
        Map<Measure, Outcome<GroupDifference>> differences = new LinkedHashMap<>();
        for (int m = 0; m < fixedMeasures.size(); m++) {
            Map<Cohort, List<ScoredPair>> members = analysis.scored(m);
            Map<Cohort, Cell> byCohort = analysis.cells(m, members);
            cells.put(fixedMeasures.get(m), Collections.unmodifiableMap(byCohort));
            differences.put(fixedMeasures.get(m), analysis.groupDifference(m, members, byCohort));
        }
        return new EvaluationReport(instrument, identity, suppression, matching, responses.size() - sameVersion.size(), fixedMeasures,
                scored, cells, differences, analysis.outlook(matching.pairs()));
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The instrument's id, version and content hash. */
    public InstrumentIdentity identity() {
        return identity;
    }

    public Suppression suppression() {
        return suppression;
    }

    /** How the responses to this version matched: pairs, pre-only, post-only, excluded, superseded. */
    public Matching matching() {
        return matching;
    }

    /** Responses to other versions (or contents) of the instrument, counted but not analysed. */
    public int otherVersionResponses() {
        return otherVersionResponses;
    }

    /** The subscales in the instrument's order, then the total. */
    public List<Measure> measures() {
        return measures;
    }

    public List<Cohort> cohorts() {
        return List.of(Cohort.values());
    }

    public Cell cell(Measure measure, Cohort cohort) {
        Map<Cohort, Cell> byCohort = cells.get(measure);
        if (byCohort == null) {
            throw new IllegalArgumentException("Not a measure of this report: " + measure);
        }
        return byCohort.get(cohort);
    }

    /** Every cell, measure by measure, cohorts in order. */
    public List<Cell> cells() {
        return cells.values().stream().flatMap(byCohort -> byCohort.values().stream()).toList();
    }

    /** Whether a cohort's results on a measure may be shown (in pages, charts and exports alike). */
    public boolean shows(Measure measure, Cohort cohort) {
        return !cell(measure, cohort).suppressed();
    }

    /** Managers' change compared with clinicians' on a measure. */
    public Outcome<GroupDifference> groupDifference(Measure measure) {
        Outcome<GroupDifference> difference = groupDifferences.get(measure);
        if (difference == null) {
            throw new IllegalArgumentException("Not a measure of this report: " + measure);
        }
        return difference;
    }

    public Reading groupDifferenceReading(Measure measure) {
        Outcome<GroupDifference> difference = groupDifference(measure);
        String topic = measure.title() + ": managers' change compared with clinicians'";
        return difference.defined() ? difference.get().reading(topic, instrument.scale()) : Reading.of(topic, difference);
    }

    /** The outlook cross-tabulation of a cohort; undefined when the instrument has no outlook item. */
    public Outcome<OutlookTable> outlook(Cohort cohort) {
        return outlook.get(cohort);
    }

    public Reading outlookReading(Cohort cohort) {
        Outcome<OutlookTable> table = outlook(cohort);
        String topic = "Outlook before and after, " + cohort.label().toLowerCase(Locale.ROOT);
        return table.defined() ? table.get().reading(topic) : Reading.of(topic, table);
    }

    /** Every reading of the report: cells, then group differences, then the outlook. */
    public List<Reading> readings() {
        List<Reading> readings = new ArrayList<>();
        for (Cell cell : cells()) {
            readings.addAll(cell.readings(instrument.scale()));
        }
        for (Measure measure : measures) {
            readings.add(groupDifferenceReading(measure));
        }
        for (Cohort cohort : Cohort.values()) {
            readings.add(outlookReading(cohort));
        }
        return readings;
    }

    /**
     * Per-learner scores of all matched learners, for charts and exports. Whoever shows them must
     * leave out learners of cohorts that {@link #shows} withholds.
     */
    public List<ScoredPair> scoredPairs() {
        return scoredPairs;
    }

    /** The computation, kept apart from the finished report it builds. */
    private record Analysis(Instrument instrument, Suppression suppression, List<Measure> measures, List<ScoredPair> pairs) {

        /** The learners of each cohort with a pre and a post score on measure {@code m}. */
        Map<Cohort, List<ScoredPair>> scored(int m) {
            return byCohort(pair -> !Double.isNaN(pair.preScore(m)) && !Double.isNaN(pair.postScore(m)));
        }

        Map<Cohort, Cell> cells(int m, Map<Cohort, List<ScoredPair>> scoredByCohort) {
            Measure measure = measures.get(m);
            Map<Cohort, String> withheld = suppression.withheld(counts(scoredByCohort), MATCHED);
            Map<Cohort, List<ScoredPair>> thenByCohort = new EnumMap<>(Cohort.class);
            scoredByCohort.forEach((cohort, members) -> thenByCohort.put(cohort,
                    members.stream().filter(pair -> !Double.isNaN(pair.thenScore(m))).toList()));
            Map<Cohort, String> thenWithheld = suppression.withheld(counts(thenByCohort), THEN);
            int[] items = itemRange(m);
            Map<Cohort, Cell> cells = new EnumMap<>(Cohort.class);
            for (Cohort cohort : Cohort.values()) {
                List<ScoredPair> members = scoredByCohort.get(cohort);
                if (withheld.containsKey(cohort)) {
                    cells.put(cohort, Cell.suppressed(measure, cohort, withheld.get(cohort)));
                } else if (members.isEmpty()) {
                    String reason = "No " + MATCHED + " in this group.";
                    cells.put(cohort, new Cell(measure, cohort, Outcome.undefined(reason), Outcome.undefined(reason),
                            Outcome.undefined(reason), Outcome.undefined(reason)));
                } else {
                    double[] pre = members.stream().mapToDouble(pair -> pair.preScore(m)).toArray();
                    double[] post = members.stream().mapToDouble(pair -> pair.postScore(m)).toArray();
                    cells.put(cohort, new Cell(measure, cohort, Outcome.of(PairedComparison.of(pre, post)),
                            alpha(members.stream().map(ScoredPair::preItems).toList(), items),
                            alpha(members.stream().map(ScoredPair::postItems).toList(), items),
                            thenTest(m, thenByCohort.get(cohort), thenWithheld.get(cohort))));
                }
            }
            return cells;
        }

        Outcome<GroupDifference> groupDifference(int m, Map<Cohort, List<ScoredPair>> scored, Map<Cohort, Cell> cells) {
            if (cells.get(Cohort.MANAGERS).suppressed() || cells.get(Cohort.CLINICIANS).suppressed()) {
                return Outcome.suppressed("Suppressed: the managers' or the clinicians' results are suppressed, and so is "
                        + "their difference.");
            }
            return Outcome.of(GroupDifference.of(changes(scored.get(Cohort.MANAGERS), m), changes(scored.get(Cohort.CLINICIANS), m)));
        }

        Map<Cohort, Outcome<OutlookTable>> outlook(List<MatchedPair> matched) {
            Map<Cohort, Outcome<OutlookTable>> tables = new EnumMap<>(Cohort.class);
            if (instrument.outlook() == null) {
                for (Cohort cohort : Cohort.values()) {
                    tables.put(cohort, Outcome.undefined("This instrument has no outlook item."));
                }
                return tables;
            }
            Map<Cohort, List<MatchedPair>> byCohort = new EnumMap<>(Cohort.class);
            for (Cohort cohort : Cohort.values()) {
                byCohort.put(cohort, new ArrayList<>());
            }
            for (MatchedPair pair : matched) {
                byCohort.get(Cohort.ALL).add(pair);
                byCohort.get(Cohort.of(pair.group())).add(pair);
            }
            Map<Cohort, OutlookTable> computed = new EnumMap<>(Cohort.class);
            Map<Cohort, Integer> counts = new EnumMap<>(Cohort.class);
            for (Cohort cohort : Cohort.values()) {
                OutlookTable table = OutlookTable.of(instrument.outlook(), byCohort.get(cohort));
                computed.put(cohort, table);
                counts.put(cohort, table.n());
            }
            Map<Cohort, String> withheld = suppression.withheld(counts, OUTLOOK);
            for (Cohort cohort : Cohort.values()) {
                tables.put(cohort, withheld.containsKey(cohort) ? Outcome.suppressed(withheld.get(cohort))
                        : Outcome.of(computed.get(cohort)));
            }
            return tables;
        }

        private Outcome<CronbachAlpha> alpha(List<double[]> rows, int[] items) {
            CronbachAlpha alpha = CronbachAlpha.ofColumns(rows, items[0], items[1]);
            return suppression.allows(alpha.respondents()) ? Outcome.of(alpha)
                    : Outcome.suppressed(suppression.reason("learners who answered every item"));
        }

        private Outcome<ThenTest> thenTest(int m, List<ScoredPair> members, String withheld) {
            if (!instrument.thenTest()) {
                return Outcome.undefined("This instrument asks for no retrospective then-ratings.");
            }
            if (withheld != null) {
                return Outcome.suppressed(withheld);
            }
            if (members.isEmpty()) {
                return Outcome.undefined("No learner in this group gave enough then-ratings for a score.");
            }
            return Outcome.of(ThenTest.of(members.stream().mapToDouble(pair -> pair.preScore(m)).toArray(),
                    members.stream().mapToDouble(pair -> pair.thenScore(m)).toArray(),
                    members.stream().mapToDouble(pair -> pair.postScore(m)).toArray()));
        }

        /** Items {from, to} of a measure in the instrument's item order; all of them for the total. */
        private int[] itemRange(int m) {
            if (measures.get(m).total()) {
                return new int[] {0, instrument.items().size()};
            }
            int from = 0;
            for (int s = 0; s < m; s++) {
                from += instrument.subscales().get(s).items().size();
            }
            return new int[] {from, from + instrument.subscales().get(m).items().size()};
        }

        private Map<Cohort, List<ScoredPair>> byCohort(Predicate<ScoredPair> included) {
            Map<Cohort, List<ScoredPair>> byCohort = new EnumMap<>(Cohort.class);
            for (Cohort cohort : Cohort.values()) {
                byCohort.put(cohort, new ArrayList<>());
            }
            for (ScoredPair pair : pairs) {
                if (included.test(pair)) {
                    byCohort.get(Cohort.ALL).add(pair);
                    byCohort.get(Cohort.of(pair.pair().group())).add(pair);
                }
            }
            return byCohort;
        }

        private static Map<Cohort, Integer> counts(Map<Cohort, List<ScoredPair>> byCohort) {
            Map<Cohort, Integer> counts = new EnumMap<>(Cohort.class);
            byCohort.forEach((cohort, members) -> counts.put(cohort, members.size()));
            return counts;
        }

        private static double[] changes(List<ScoredPair> members, int m) {
            return members.stream().mapToDouble(pair -> pair.postScore(m) - pair.preScore(m)).toArray();
        }
    }
}
