package org.tandem.evaluation.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Scale;
import org.tandem.evaluation.boundary.EvaluationCharts.ForestPlot;
import org.tandem.evaluation.boundary.EvaluationCharts.Histograms;
import org.tandem.evaluation.control.AnsweredInstrument;
import org.tandem.evaluation.control.AnsweredInstruments;
import org.tandem.evaluation.control.Cell;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.CronbachAlpha;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.evaluation.control.FreeTextAnswers;
import org.tandem.evaluation.control.GroupDifference;
import org.tandem.evaluation.control.Interval;
import org.tandem.evaluation.control.Matching;
import org.tandem.evaluation.control.Measure;
import org.tandem.evaluation.control.OutlookTable;
import org.tandem.evaluation.control.Outcome;
import org.tandem.evaluation.control.PairedComparison;
import org.tandem.evaluation.control.Reading;
import org.tandem.evaluation.control.TTestResult;
import org.tandem.evaluation.control.ThenTest;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.Messages;

/**
 * The view of one evaluation report (drawn by evaluation/boundary/evaluation.jte), in the order an
 * evaluator reads it: the headline findings in plain words, the forest plot of mean change, the
 * tables, then the detail (then-test, outlook, distribution of change, readings, free text) and the
 * downloads. Withheld figures say so, and why, wherever they would be. Pure: the resource gathers
 * the data, the template draws; every word comes from the bundle of the evaluator's language, the
 * figures and the readings from the report.
 */
final class EvaluationPage {

    static final String TEMPLATE = "evaluation/boundary/evaluation.jte";

    /**
     * Where the page is and what else it can link to.
     *
     * @param answered every instrument answered in the scope, to choose from
     */
    record Setting(String token, EvaluationScope scope, Optional<String> courseTitle, boolean courseAvailable,
                   AnsweredInstruments answered, int unreadable, String displayName) {
    }

    /** The whole page. */
    record View(String person, String instrumentTitle, String lead, List<Link> scopes, Instruments instruments,
                List<Finding> headline, List<Count> counts, String countsNote, ForestPlot forest, String scale,
                List<Table> summaries, List<Table> tests, Table groups, List<Table> thenTests, Optional<Outlook> outlook,
                Histograms change, List<Readings> readings, boolean thenTest, Optional<FreeText> freeText, Exports exports,
                int minimum) {
    }

    /** A link; {@code current} marks the one shown. */
    record Link(String id, String href, String text, boolean current) {
    }

    /** Every instrument answered here, with its number of responses. */
    record Instruments(List<Answered> answered, String nobody, Optional<String> shownUnlisted, boolean shared) {
    }

    record Answered(Link link, String responses) {
    }

    /** One headline finding: whose, and what in plain words. */
    record Finding(String id, String who, String text) {
    }

    record Count(String id, String label, String value) {
    }

    /** A table of figures: column headings are bundle keys (they may hold markup we wrote), rows hold text. */
    record Table(String id, String kind, String caption, List<String> headings, List<Row> rows) {
    }

    /** A row: its heading, its cells, or (when its figures are withheld or cannot be computed) one gap across them. */
    record Row(String heading, List<Figure> cells, Optional<Gap> gap, boolean total) {
    }

    /** A cell: a figure, or a withheld one (then {@code text} is the label). */
    record Figure(String text, boolean withheld) {
        static Figure of(String text) {
            return new Figure(text, false);
        }
    }

    /** Cells left empty across {@code columns} columns, with the label and the reason. */
    record Gap(int columns, boolean withheld, String label, String reason) {
    }

    record Outlook(String question, List<OutlookPanel> panels) {
    }

    /** One cohort's cross-table; empty {@code options} when it is withheld or undefined, then {@code unavailable} says why. */
    record OutlookPanel(String id, String caption, String label, Optional<String> withheld, String unavailable,
                        List<String> options, List<List<Integer>> counts, Optional<String> notInTable) {
    }

    /** The readings of one cohort (or of the group comparison, or the outlook). */
    record Readings(String id, String summary, List<ReadingLine> lines, boolean open) {
    }

    record ReadingLine(String topic, String text) {
    }

    record FreeText(String prompt, List<FreeTextGroup> groups, boolean none) {
    }

    record FreeTextGroup(String id, String heading, Optional<String> withheld, String reason, List<String> answers) {
    }

    record Exports(String csv, String json, String r, Optional<String> freeText, String stem) {
    }

    private final EvaluationReport report;
    private final Setting setting;
    private final Instrument instrument;
    private final Messages words;

    private EvaluationPage(EvaluationReport report, Setting setting, Messages words) {
        this.report = report;
        this.setting = setting;
        this.instrument = report.instrument();
        this.words = words;
    }

    static View of(EvaluationReport report, Setting setting, Messages words) {
        return new EvaluationPage(report, setting, words).view();
    }

    private View view() {
        String where = setting.scope().programme() ? words.text("evaluation.where.programme")
                : setting.courseTitle().map(t -> words.text("evaluation.where.course.titled", t))
                        .orElse(words.text("evaluation.where.course"));
        Scale scale = instrument.scale();
        List<Table> thenTests = new ArrayList<>();
        if (instrument.thenTest()) {
            for (Cohort cohort : cohorts()) {
                thenTests.add(thenTest(cohort));
            }
        }
        List<Table> summaries = new ArrayList<>();
        List<Table> tests = new ArrayList<>();
        for (Cohort cohort : cohorts()) {
            summaries.add(summaryTable(cohort));
            tests.add(testsTable(cohort));
        }
        return new View(setting.displayName(), instrument.title(),
                words.text("evaluation.lead", where, instrument.version(), report.suppression().minimum()),
                scopes(), instruments(), headline(), counts(),
                words.text("evaluation.counts.note", report.suppression().minimum() - 1, report.suppression().minimum()),
                EvaluationCharts.forest(report, words, "chart-forest"), scale.min() + "\u2013" + scale.max(),
                summaries, tests, groupDifferences(), thenTests, outlook(),
                EvaluationCharts.changeDistribution(report, words, "chart-change"), readings(), instrument.thenTest(),
                freeText(), exports(), report.suppression().minimum());
    }

    /** All learners, managers and clinicians always; other professions when there are any. */
    private List<Cohort> cohorts() {
        List<Cohort> cohorts = new ArrayList<>(List.of(Cohort.ALL, Cohort.MANAGERS, Cohort.CLINICIANS));
        boolean others = report.matching().pairs().stream().anyMatch(pair -> Cohort.of(pair.group()) == Cohort.OTHERS);
        if (others) {
            cohorts.add(Cohort.OTHERS);
        }
        return cohorts;
    }

    private String label(Cohort cohort) {
        return words.text("evaluation.cohort." + cohort.name());
    }

    // ------------------------------------------------------------------ links and counts

    /** A link to {@code identity} in {@code scope}; without a version when {@code identity} is null (the newest answered). */
    private String link(String path, String scope, InstrumentIdentity identity) {
        StringBuilder url = new StringBuilder(path).append("?s=").append(enc(setting.token())).append("&scope=").append(scope)
                .append("&instrument=").append(enc(identity == null ? instrument.id() : identity.id()));
        if (identity != null) {
            url.append("&version=").append(identity.version());
            if (setting.answered().shared(identity)) {
                url.append("&content=").append(identity.shortHash());
            }
        }
        return url.toString();
    }

    private String here(String path) {
        return link(path, setting.scope().kind(), report.identity());
    }

    private List<Link> scopes() {
        List<Link> links = new ArrayList<>();
        if (setting.courseAvailable()) {
            links.add(scopeLink("course", setting.courseTitle().map(t -> words.text("evaluation.scope.course.titled", t))
                    .orElse(words.text("evaluation.scope.course"))));
        }
        links.add(scopeLink("programme", words.text("evaluation.scope.programme")));
        return links;
    }

    private Link scopeLink(String kind, String text) {
        return new Link("scope-" + kind, link("/evaluate", kind, null), text, setting.scope().kind().equals(kind));
    }

    /**
     * Every instrument answered in this scope, the one shown marked: the data are wherever the
     * courses put them, not only in the starter instrument. The choice is kept in the address and,
     * for this evaluator and scope, as the default of their next launch.
     */
    private Instruments instruments() {
        List<Answered> answered = new ArrayList<>();
        boolean shownListed = false;
        boolean shared = false;
        for (AnsweredInstrument each : setting.answered().all()) {
            InstrumentIdentity identity = each.identity();
            boolean shown = identity.equals(report.identity());
            boolean twin = setting.answered().shared(identity);
            shownListed |= shown;
            shared |= twin;
            String text = twin ? words.text("evaluation.instrument.shared", each.instrument().title(), identity.id(), identity.version(),
                    identity.shortHash(), each.packId(), each.packVersion())
                    : words.text("evaluation.instrument", each.instrument().title(), identity.id(), identity.version());
            String id = "instrument-" + identity.id() + "-v" + identity.version() + (twin ? "-" + identity.shortHash() : "");
            answered.add(new Answered(new Link(id, link("/evaluate", setting.scope().kind(), identity), text, shown),
                    words.text(each.responses() == 1 ? "evaluation.responses.one" : "evaluation.responses", count(each.responses()))));
        }
        Optional<String> unlisted = answered.isEmpty() || shownListed ? Optional.empty()
                : Optional.of(words.text("evaluation.instrument.unanswered", instrument.title(), instrument.version()));
        return new Instruments(answered, words.text(setting.scope().programme() ? "evaluation.instruments.none.programme"
                : "evaluation.instruments.none.course"), unlisted, shared);
    }

    /** A count as it may be shown: from 1 to the minimum − 1 it reads "fewer than 8", since so few could be picked out. */
    private String count(long n) {
        int minimum = report.suppression().minimum();
        return n == 0 || n >= minimum ? Long.toString(n) : words.text("evaluation.fewer", minimum);
    }

    private List<Count> counts() {
        Matching m = report.matching();
        List<Count> counts = new ArrayList<>();
        counts.add(countOf("matched", m.matched()));
        counts.add(countOf("pre-only", m.preOnly()));
        counts.add(countOf("post-only", m.postOnly()));
        counts.add(countOf("excluded", m.excludedNoConsent()));
        counts.add(countOf("superseded", m.superseded()));
        if (report.otherVersionResponses() > 0) {
            counts.add(countOf("other-version", report.otherVersionResponses()));
        }
        if (setting.unreadable() > 0) {
            counts.add(countOf("unreadable", setting.unreadable()));
        }
        return counts;
    }

    private Count countOf(String id, long value) {
        return new Count(id, words.text("evaluation.count." + id), count(value));
    }

    // ------------------------------------------------------------------ headline

    /**
     * The few results an evaluator needs first, in plain words: the total's change for all learners
     * and each group (direction in scale points, size, and where the 95 % interval lies), whether
     * the groups changed differently, and how many learners it rests on.
     */
    private List<Finding> headline() {
        List<Finding> findings = new ArrayList<>();
        Matching m = report.matching();
        findings.add(new Finding("who", words.text("evaluation.headline.who"),
                words.text("evaluation.headline.who.text", count(m.matched()), count(m.preOnly()), count(m.postOnly()))));
        for (Cohort cohort : cohorts()) {
            findings.add(new Finding(cohort.name().toLowerCase(Locale.ROOT), label(cohort), change(report.cell(Measure.TOTAL, cohort))));
        }
        findings.add(new Finding("groups", words.text("evaluation.headline.groups"), difference(report.groupDifference(Measure.TOTAL))));
        return findings;
    }

    private String change(Cell cell) {
        Outcome<PairedComparison> outcome = cell.change();
        if (!outcome.defined() || !outcome.get().meanChange().defined()) {
            Outcome<?> why = outcome.defined() ? outcome.get().meanChange() : outcome;
            return why.suppressed() ? withheldLabel(why.reason().orElse("")) : why.reason().orElse("");
        }
        PairedComparison c = outcome.get();
        double mean = c.meanChange().get();
        String points = words.text("evaluation.headline.points", Figures.signed(mean), scaleText(), c.n());
        if (!c.changeInterval().defined()) {
            return words.text("evaluation.headline.sentences", points, c.changeInterval().reason().orElse(""));
        }
        Interval interval = c.changeInterval().get();
        String size = c.gav().defined()
                ? words.text("evaluation.headline.size", sizeWord(c.gav().get()), Figures.number(c.gav().get())) : "";
        String verdict = interval.includes(0) ? words.text("evaluation.headline.unclear")
                : words.text(mean > 0 ? "evaluation.headline.higher" : "evaluation.headline.lower");
        return words.text("evaluation.headline.change", points, Figures.signed(interval.lower()), Figures.signed(interval.upper()),
                size, verdict);
    }

    private String difference(Outcome<GroupDifference> outcome) {
        if (!outcome.defined() || !outcome.get().difference().defined()) {
            Outcome<?> why = outcome.defined() ? outcome.get().difference() : outcome;
            return why.suppressed() ? withheldLabel(why.reason().orElse("")) : why.reason().orElse("");
        }
        GroupDifference d = outcome.get();
        double gap = d.difference().get();
        String points = words.text("evaluation.headline.difference", Figures.signed(gap), scaleText());
        if (!d.interval().defined()) {
            return words.text("evaluation.headline.sentences", points, d.interval().reason().orElse(""));
        }
        Interval interval = d.interval().get();
        String verdict = interval.includes(0) ? words.text("evaluation.headline.groups.unclear")
                : words.text(gap > 0 ? "evaluation.headline.groups.managers" : "evaluation.headline.groups.clinicians");
        return words.text("evaluation.headline.difference.interval", points, Figures.signed(interval.lower()),
                Figures.signed(interval.upper()), verdict);
    }

    private String scaleText() {
        return instrument.scale().min() + "\u2013" + instrument.scale().max();
    }

    private String sizeWord(double standardised) {
        return words.text("evaluation.size." + Reading.size(standardised));
    }

    // ------------------------------------------------------------------ tables

    private static final List<String> SUMMARY = List.of("evaluation.col.measure", "evaluation.col.n", "evaluation.col.before",
            "evaluation.col.after", "evaluation.col.change", "evaluation.col.gav", "evaluation.col.t", "evaluation.col.alpha");
    private static final List<String> TESTS = List.of("evaluation.col.measure", "evaluation.col.dz", "evaluation.col.wilcoxon",
            "evaluation.col.v", "evaluation.col.method");
    private static final List<String> GROUPS = List.of("evaluation.col.measure", "evaluation.col.managers",
            "evaluation.col.clinicians", "evaluation.col.difference", "evaluation.col.welch", "evaluation.col.p");
    private static final List<String> THEN = List.of("evaluation.col.measure", "evaluation.col.n", "evaluation.col.beforeMean",
            "evaluation.col.thenMean", "evaluation.col.thenMinusBefore", "evaluation.col.p", "evaluation.col.afterMinusThen",
            "evaluation.col.p");

    /**
     * A cohort's change per measure: scores, change with its interval, size, the t-test and
     * Cronbach's α, in eight columns that fit the page; the other tests are in {@link #testsTable}.
     */
    private Table summaryTable(Cohort cohort) {
        Cell total = report.cell(Measure.TOTAL, cohort);
        String caption = total.change().defined() ? words.text("evaluation.caption.learners", label(cohort), total.change().get().n())
                : label(cohort);
        List<Row> rows = rows(cohort, SUMMARY, (cell, c) -> List.of(Figure.of(String.valueOf(c.n())),
                Figure.of(Figures.meanSd(c.pre().mean(), c.pre().sd())),
                Figure.of(Figures.meanSd(c.post().mean(), c.post().sd())),
                Figure.of(changeWithInterval(c)),
                Figure.of(c.gav().defined() ? Figures.number(c.gav().get()) + " (" + sizeWord(c.gav().get()) + ")"
                        : Figures.NOT_AVAILABLE),
                Figure.of(Figures.p(c.tTest().map(TTestResult::p))),
                alpha(cell.alphaPre(), cell.alphaPost())));
        return new Table("summary-" + cohort.name().toLowerCase(Locale.ROOT), "figures", caption, SUMMARY, rows);
    }

    /** A cohort's d_z and Wilcoxon signed-rank test (as R's wilcox.test computes it, with its method) per measure. */
    private Table testsTable(Cohort cohort) {
        List<Row> rows = rows(cohort, TESTS, (cell, c) -> {
            List<Figure> cells = new ArrayList<>(List.of(Figure.of(Figures.number(c.dz()))));
            Figures.signedRank(c.signedRank()).forEach(text -> cells.add(Figure.of(text)));
            return cells;
        });
        return new Table("tests-" + cohort.name().toLowerCase(Locale.ROOT), "figures tests",
                words.text("evaluation.caption.tests", label(cohort)), TESTS, rows);
    }

    /** A row per measure of a cohort's change: its figures, or one gap across the columns saying why there are none. */
    private List<Row> rows(Cohort cohort, List<String> columns, BiFunction<Cell, PairedComparison, List<Figure>> figures) {
        List<Row> rows = new ArrayList<>();
        for (Measure measure : report.measures()) {
            Cell cell = report.cell(measure, cohort);
            rows.add(cell.change().defined()
                    ? new Row(measure.title(), figures.apply(cell, cell.change().get()), Optional.empty(), measure.total())
                    : gap(measure, cell.change(), columns.size() - 1));
        }
        return rows;
    }

    private static String changeWithInterval(PairedComparison c) {
        String interval = Figures.interval(c.changeInterval());
        return Figures.signed(c.meanChange()) + (interval.isEmpty() ? "" : " " + interval);
    }

    /** Cronbach's α before and after in one cell, "0.81 / 0.84": the table keeps to eight columns and fits the page. */
    private Figure alpha(Outcome<CronbachAlpha> before, Outcome<CronbachAlpha> after) {
        for (Outcome<CronbachAlpha> alpha : List.of(before, after)) {
            if (alpha.suppressed()) {
                return new Figure(withheldLabel(alpha.reason().orElse("")), true);
            }
        }
        return Figure.of(alpha(before) + " / " + alpha(after));
    }

    private static String alpha(Outcome<CronbachAlpha> alpha) {
        return alpha.defined() ? Figures.number(alpha.get().alpha()) : Figures.NOT_AVAILABLE;
    }

    private Table groupDifferences() {
        List<Row> rows = new ArrayList<>();
        for (Measure measure : report.measures()) {
            Outcome<GroupDifference> outcome = report.groupDifference(measure);
            if (!outcome.defined()) {
                rows.add(gap(measure, outcome, GROUPS.size() - 1));
                continue;
            }
            GroupDifference d = outcome.get();
            rows.add(new Row(measure.title(), List.of(
                    Figure.of(d.managers().n() + ", " + Figures.signed(d.managers().mean())),
                    Figure.of(d.clinicians().n() + ", " + Figures.signed(d.clinicians().mean())),
                    Figure.of(Figures.signed(d.difference()) + " " + Figures.interval(d.interval())),
                    Figure.of(d.welch().defined() ? Figures.number(d.welch().get().t()) + " ("
                            + Figures.decimals(d.welch().get().degreesOfFreedom(), 1) + ")" : Figures.NOT_AVAILABLE),
                    Figure.of(Figures.p(d.welch().map(TTestResult::p)))), Optional.empty(), measure.total()));
        }
        return new Table("group-difference", "figures", words.text("evaluation.caption.groups"), GROUPS, rows);
    }

    private Table thenTest(Cohort cohort) {
        List<Row> rows = new ArrayList<>();
        for (Measure measure : report.measures()) {
            Outcome<ThenTest> outcome = report.cell(measure, cohort).thenTest();
            if (!outcome.defined()) {
                rows.add(gap(measure, outcome, THEN.size() - 1));
                continue;
            }
            PairedComparison versusPre = outcome.get().thenVersusPre();
            PairedComparison postVersusThen = outcome.get().postVersusThen();
            rows.add(new Row(measure.title(), List.of(Figure.of(String.valueOf(outcome.get().n())),
                    Figure.of(Figures.number(versusPre.pre().mean())),
                    Figure.of(Figures.number(versusPre.post().mean())),
                    Figure.of(changeWithInterval(versusPre)),
                    Figure.of(Figures.p(versusPre.tTest().map(TTestResult::p))),
                    Figure.of(changeWithInterval(postVersusThen)),
                    Figure.of(Figures.p(postVersusThen.tTest().map(TTestResult::p)))), Optional.empty(), measure.total()));
        }
        return new Table("then-test-" + cohort.name().toLowerCase(Locale.ROOT), "figures",
                words.text("evaluation.caption.then", label(cohort)), THEN, rows);
    }

    private Optional<Outlook> outlook() {
        if (instrument.outlook() == null) {
            return Optional.empty();
        }
        List<OutlookPanel> panels = new ArrayList<>();
        for (Cohort cohort : cohorts()) {
            Outcome<OutlookTable> outcome = report.outlook(cohort);
            String id = "outlook-" + cohort.name().toLowerCase(Locale.ROOT);
            if (!outcome.defined()) {
                panels.add(new OutlookPanel(id, "", label(cohort),
                        outcome.suppressed() ? Optional.of(withheldLabel(outcome.reason().orElse(""))) : Optional.empty(),
                        outcome.reason().orElse(""), List.of(), List.of(), Optional.empty()));
                continue;
            }
            OutlookTable t = outcome.get();
            Optional<String> notInTable = Optional.empty();
            if (t.unanswered() + t.offOptions() > 0) {
                notInTable = Optional.of(t.offOptions() > 0
                        ? words.text("evaluation.outlook.missing.off", count(t.unanswered()), count(t.offOptions()))
                        : words.text("evaluation.outlook.missing", count(t.unanswered())));
            }
            panels.add(new OutlookPanel(id, words.text("evaluation.caption.learners", label(cohort), t.n()), label(cohort),
                    Optional.empty(), "", t.options(), t.counts(), notInTable));
        }
        return Optional.of(new Outlook(instrument.outlook().text(), panels));
    }

    /** A row whose figures are withheld or cannot be computed: one cell across the rest, saying why. */
    private Row gap(Measure measure, Outcome<?> outcome, int columns) {
        String reason = outcome.reason().orElse("");
        Gap gap = outcome.suppressed() ? new Gap(columns, true, withheldLabel(reason), reason)
                : new Gap(columns, false, words.text("evaluation.unavailable"), reason);
        return new Row(measure.title(), List.of(), Optional.of(gap), measure.total());
    }

    /** "withheld (fewer than 8)" when the group is too small; plain "withheld" when it would reveal one that is. */
    private String withheldLabel(String reason) {
        return reason.startsWith("Suppressed: fewer than ")
                ? words.text("evaluation.withheld.small", report.suppression().minimum())
                : words.text("evaluation.withheld");
    }

    // ------------------------------------------------------------------ readings, free text and exports

    /**
     * The readings in plain words, one group per cohort, then the group comparison and the outlook.
     * A cohort's readings are its change per measure (and the then-test where the instrument has
     * one); α is read once under the tables, not per measure; the same reason for several measures
     * (a withheld group) is said once.
     */
    private List<Readings> readings() {
        Scale scale = instrument.scale();
        List<Readings> groups = new ArrayList<>();
        boolean first = true;
        for (Cohort cohort : cohorts()) {
            List<ReadingLine> lines = new ArrayList<>();
            for (Measure measure : report.measures()) {
                Cell cell = report.cell(measure, cohort);
                String topic = measure.title();
                if (cell.suppressed() || !cell.change().defined()) {
                    lines.add(new ReadingLine(topic, cell.change().reason().orElse("")));
                    continue;
                }
                lines.add(line(cell.change().get().reading(topic, scale)));
                if (instrument.thenTest()) {
                    Outcome<ThenTest> then = cell.thenTest();
                    if (then.defined()) {
                        lines.add(line(then.get().thenVersusPreReading(words.text("evaluation.reading.thenVersusPre", topic), scale)));
                        lines.add(line(then.get().postVersusThenReading(words.text("evaluation.reading.postVersusThen", topic), scale)));
                    } else {
                        lines.add(new ReadingLine(words.text("evaluation.reading.then", topic), then.reason().orElse("")));
                    }
                }
            }
            groups.add(new Readings("readings-" + cohort.name().toLowerCase(Locale.ROOT), label(cohort), merged(lines), first));
            first = false;
        }
        List<ReadingLine> differences = new ArrayList<>();
        for (Measure measure : report.measures()) {
            Outcome<GroupDifference> difference = report.groupDifference(measure);
            differences.add(difference.defined() ? line(difference.get().reading(measure.title(), scale))
                    : new ReadingLine(measure.title(), difference.reason().orElse("")));
        }
        groups.add(new Readings("readings-groups", words.text("evaluation.readings.groups"), merged(differences), false));
        if (instrument.outlook() != null) {
            List<ReadingLine> outlook = new ArrayList<>();
            for (Cohort cohort : cohorts()) {
                Outcome<OutlookTable> table = report.outlook(cohort);
                outlook.add(table.defined() ? line(table.get().reading(label(cohort)))
                        : new ReadingLine(label(cohort), table.reason().orElse("")));
            }
            groups.add(new Readings("readings-outlook", words.text("evaluation.readings.outlook"), merged(outlook), false));
        }
        return groups;
    }

    private static ReadingLine line(Reading reading) {
        return new ReadingLine(reading.topic(), reading.text());
    }

    /** Neighbouring lines that say the same thing become one, their topics listed together. */
    private List<ReadingLine> merged(List<ReadingLine> lines) {
        List<ReadingLine> merged = new ArrayList<>();
        for (ReadingLine line : lines) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).text().equals(line.text())) {
                merged.set(last, new ReadingLine(words.text("list.and", merged.get(last).topic(), line.topic()), line.text()));
            } else {
                merged.add(line);
            }
        }
        return merged;
    }

    /**
     * The free-text answers of consenting learners, by form and group, withheld for a group with
     * fewer answers than the minimum, under a caution: learners' own words can name people.
     */
    private Optional<FreeText> freeText() {
        FreeTextAnswers answers = FreeTextAnswers.of(report);
        if (answers.prompt().isEmpty()) {
            return Optional.empty();
        }
        List<FreeTextGroup> groups = new ArrayList<>();
        for (Phase phase : List.of(Phase.POST, Phase.PRE)) {
            for (ProfessionalGroup group : ProfessionalGroup.values()) {
                Outcome<List<FreeTextAnswers.Answer>> outcome = answers.answers(phase, group);
                if (outcome.defined() && outcome.get().isEmpty()) {
                    continue;
                }
                String heading = words.text("evaluation.freeText." + phase.name(),
                        words.text("evaluation.cohort.lower." + Cohort.of(group).name()));
                String id = "free-text-" + phase.name().toLowerCase(Locale.ROOT) + "-" + group.name().toLowerCase(Locale.ROOT);
                if (!outcome.defined()) {
                    groups.add(new FreeTextGroup(id, heading, Optional.of(withheldLabel(outcome.reason().orElse(""))),
                            outcome.reason().orElse(""), List.of()));
                } else {
                    groups.add(new FreeTextGroup(id, heading, Optional.empty(), "",
                            outcome.get().stream().map(FreeTextAnswers.Answer::text).toList()));
                }
            }
        }
        return Optional.of(new FreeText(answers.prompt().get(), groups, answers.shown().isEmpty()));
    }

    private Exports exports() {
        return new Exports(here("/evaluate/export.csv"), here("/evaluate/summary.json"), here("/evaluate/reproduce.R"),
                instrument.freeTextPrompt() == null ? Optional.empty() : Optional.of(here("/evaluate/free-text.csv")),
                fileStem(instrument, setting.scope()));
    }

    /** The downloads' file name without extension, e.g. {@code tandem-evaluation-relationship-course}. */
    static String fileStem(Instrument instrument, EvaluationScope scope) {
        return "tandem-evaluation-" + instrument.id() + "-" + scope.kind();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
