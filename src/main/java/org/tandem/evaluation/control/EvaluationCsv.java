package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.evaluation.entity.Response;

/**
 * The per-learner export of a report: one row per matched, consenting learner, sorted by
 * pseudonym (so the order gives away nothing, not even who answered first). Pseudonyms are the
 * stable ones of the deployment when no group is withheld, and {@link Pseudonyms#forOneExport
 * pseudonyms of this export only} when any is, so that no earlier export can give a withheld
 * row its group back. Columns:
 * <ol>
 * <li>{@code pseudonym}, {@code group} ({@code manager}, {@code clinician}, {@code other}, or
 * {@code withheld} when that group's figures are suppressed anywhere in the report, since the
 * rows of a small group would give its results back), {@code instrument_version};</li>
 * <li>{@code pre_<item>}, {@code post_<item>} for every item: the answers as given, before
 * reverse scoring; {@code then_<item>} as well when the instrument has a then-test;</li>
 * <li>{@code pre_outlook}, {@code post_outlook} (the chosen option's text) when the instrument has
 * an outlook item;</li>
 * <li>{@code pre_<subscale>}, {@code post_<subscale>}, {@code change_<subscale>} for every
 * subscale, then {@code pre_total}, {@code post_total}, {@code change_total}: scores as the
 * report computes them (reverse items turned round, half rule, total = mean of subscales).</li>
 * </ol>
 * Empty fields are unanswered items or scores that do not exist. When fewer matched learners than
 * the minimum exist, the file holds the header only.
 */
public final class EvaluationCsv {

    /** The group column's value for learners of a suppressed group. */
    public static final String WITHHELD = "withheld";

    private EvaluationCsv() {
    }

    /**
     * The export: the CSV text, how many learner rows it has, why rows or groups are left out when
     * they are, and whether its pseudonyms are the deployment's stable ones.
     */
    public record Export(String csv, int rows, Optional<String> withheld, boolean stablePseudonyms) {
    }

    /** The export, with one-export pseudonyms under a fresh key when any group is withheld. */
    public static Export of(EvaluationReport report) {
        return of(report, Pseudonyms.oneExportKey());
    }

    /** The export; {@code oneExportKey} makes the pseudonyms when any group is withheld. */
    static Export of(EvaluationReport report, byte[] oneExportKey) {
        Instrument instrument = report.instrument();
        List<Item> items = instrument.items();
        boolean outlook = instrument.outlook() != null;
        Csv csv = new Csv();
        csv.text("pseudonym").text("group").text("instrument_version");
        for (String phase : instrument.thenTest() ? List.of("pre", "post", "then") : List.of("pre", "post")) {
            items.forEach(item -> csv.text(phase + "_" + item.id()));
        }
        if (outlook) {
            csv.text("pre_outlook").text("post_outlook");
        }
        for (Measure measure : report.measures()) {
            csv.text("pre_" + measure.id()).text("post_" + measure.id()).text("change_" + measure.id());
        }
        csv.endRow();
        int matched = report.matching().matched();
        if (!report.suppression().allows(matched)) {
            return new Export(csv.toString(), 0, Optional.of(report.suppression().reason("matched learners")
                    + " No learner rows are exported."), true);
        }
        Set<Cohort> withheld = withheldGroups(report);
        UnaryOperator<String> pseudonym = withheld.isEmpty() ? UnaryOperator.identity() : Pseudonyms.forOneExport(oneExportKey);
        Map<ScoredPair, String> pseudonyms = new HashMap<>();
        for (ScoredPair scored : report.scoredPairs()) {
            pseudonyms.put(scored, pseudonym.apply(scored.pair().learnerKey()));
        }
        List<ScoredPair> pairs = new ArrayList<>(report.scoredPairs());
        pairs.sort(Comparator.comparing(pseudonyms::get));
        for (ScoredPair scored : pairs) {
            Response pre = scored.pair().pre();
            Response post = scored.pair().post();
            Cohort cohort = Cohort.of(scored.pair().group());
            csv.text(pseudonyms.get(scored))
                    .text(withheld.contains(cohort) ? WITHHELD : scored.pair().group().name().toLowerCase(Locale.ROOT))
                    .number(scored.pair().instrumentVersion());
            answers(csv, items, pre.answers());
            answers(csv, items, post.answers());
            if (instrument.thenTest()) {
                answers(csv, items, post.thenAnswers());
            }
            if (outlook) {
                option(csv, instrument, pre.outlook());
                option(csv, instrument, post.outlook());
            }
            for (Measure measure : report.measures()) {
                csv.number(scored.pre(measure)).number(scored.post(measure)).number(scored.change(measure));
            }
            csv.endRow();
        }
        return new Export(csv.toString(), pairs.size(), withheld.isEmpty() ? Optional.empty()
                : Optional.of("The group column says withheld for " + String.join(" and ", withheld.stream()
                        .map(cohort -> cohort.label().toLowerCase(Locale.ROOT)).toList()) + ": a group with fewer than "
                        + report.suppression().minimum() + " matched learners is not reported, nor one whose figures would reveal it. "
                        + "The pseudonyms, starting x-, are for this export only, so that no other export can give these rows their group "
                        + "back."), withheld.isEmpty());
    }

    /**
     * The professional groups whose figures the report withholds on any measure; their learners'
     * group is withheld in exports too.
     */
    public static Set<Cohort> withheldGroups(EvaluationReport report) {
        Set<Cohort> withheld = EnumSet.noneOf(Cohort.class);
        for (Measure measure : report.measures()) {
            for (Cohort cohort : Cohort.values()) {
                if (cohort != Cohort.ALL && report.cell(measure, cohort).suppressed()) {
                    withheld.add(cohort);
                }
            }
        }
        return withheld;
    }

    private static void answers(Csv csv, List<Item> items, Map<String, Integer> answers) {
        for (Item item : items) {
            Integer answer = answers.get(item.id());
            if (answer == null) {
                csv.empty();
            } else {
                csv.number(answer);
            }
        }
    }

    private static void option(Csv csv, Instrument instrument, OptionalInt chosen) {
        List<String> options = instrument.outlook().options();
        if (chosen.isPresent() && chosen.getAsInt() >= 0 && chosen.getAsInt() < options.size()) {
            csv.text(options.get(chosen.getAsInt()));
        } else {
            csv.empty();
        }
    }
}
