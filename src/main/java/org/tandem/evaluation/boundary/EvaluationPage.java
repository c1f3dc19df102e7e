package org.tandem.evaluation.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.evaluation.control.AnsweredInstrument;
import org.tandem.evaluation.control.AnsweredInstruments;
import org.tandem.evaluation.control.Cell;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.CronbachAlpha;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.evaluation.control.FreeTextAnswers;
import org.tandem.evaluation.control.GroupDifference;
import org.tandem.evaluation.control.Matching;
import org.tandem.evaluation.control.Measure;
import org.tandem.evaluation.control.OutlookTable;
import org.tandem.evaluation.control.Outcome;
import org.tandem.evaluation.control.PairedComparison;
import org.tandem.evaluation.control.Reading;
import org.tandem.evaluation.control.ThenTest;
import org.tandem.evaluation.control.TTestResult;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.TandemPage;

/**
 * The evaluation page of one report: what was matched, the summary tables per group, the
 * difference between managers and clinicians, the then-test, the outlook item, the charts and
 * the plain-language readings. Withheld figures say so, and why, wherever they would be.
 * Pure rendering: the resource gathers the data.
 */
final class EvaluationPage {

    /**
     * Where the page is and what else it can link to.
     *
     * @param answered every instrument answered in the scope, to choose from
     */
    record Setting(String token, EvaluationScope scope, Optional<String> courseTitle, boolean courseAvailable,
                   AnsweredInstruments answered, int unreadable, String displayName) {
    }

    private final EvaluationReport report;
    private final Setting setting;
    private final Instrument instrument;

    private EvaluationPage(EvaluationReport report, Setting setting) {
        this.report = report;
        this.setting = setting;
        this.instrument = report.instrument();
    }

    static TandemPage of(EvaluationReport report, Setting setting) {
        return new EvaluationPage(report, setting).render();
    }

    private TandemPage render() {
        String where = setting.scope().programme() ? "the whole programme (every course of this deployment)"
                : "this course" + setting.courseTitle().map(t -> ", " + t).orElse("");
        TandemPage page = TandemPage.titled("Programme evaluation").person(setting.displayName())
                .heading("Programme evaluation: " + instrument.title())
                .html("<p class=\"lead\">Matched before-and-after assessments of " + TandemPage.text(where) + ", instrument version "
                        + instrument.version() + ". Learners appear only as pseudonyms; results of groups with fewer than "
                        + report.suppression().minimum() + " learners are withheld.</p>");
        page.html(scopeSwitch());
        page.html(instruments());
        page.html(counts());
        page.html("<h2 id=\"summary\">Change from before to after</h2>"
                + "<p>Scores are the mean of each subscale's items on the scale " + instrument.scale().min() + " to "
                + instrument.scale().max() + " (reverse-worded items turned round); the total is the mean of the subscales. "
                + "Change is after minus before, so a positive change is a higher score after the programme. "
                + "Brackets give the 95 % confidence interval of the mean change. The size in words goes by g<sub>av</sub> "
                + "(Cohen: 0.2 small, 0.5 medium, 0.8 large); the Wilcoxon test is computed as R's "
                + "<code>wilcox.test(post, pre, paired = TRUE)</code> computes it, and says which way it took.</p>");
        for (Cohort cohort : cohorts()) {
            page.html(summaryTable(cohort));
        }
        page.html(groupDifferences());
        if (instrument.thenTest()) {
            page.html(thenTest());
        }
        if (instrument.outlook() != null) {
            page.html(outlook());
        }
        page.html("<h2 id=\"charts\">Charts</h2>");
        page.html(EvaluationCharts.dotPlot(report, "chart-means"));
        page.html(EvaluationCharts.changeDistribution(report, "chart-change"));
        page.html(readings());
        page.html(freeText());
        page.html(exports());
        return page;
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

    private String scopeSwitch() {
        StringBuilder nav = new StringBuilder("<nav aria-label=\"What to evaluate\" class=\"scope-switch\"><ul>");
        if (setting.courseAvailable()) {
            nav.append(scopeLink("course", "This course" + setting.courseTitle().map(t -> " (" + t + ")").orElse("")));
        }
        nav.append(scopeLink("programme", "Whole programme (all courses of this deployment)"));
        return nav.append("</ul></nav>").toString();
    }

    private String scopeLink(String kind, String label) {
        boolean current = setting.scope().kind().equals(kind);
        return "<li><a id=\"scope-" + kind + "\" href=\"" + TandemPage.attr(link("/evaluate", kind, null)) + "\""
                + (current ? " aria-current=\"page\"" : "") + ">" + TandemPage.text(label) + "</a></li>";
    }

    /**
     * Every instrument answered in this scope, the one shown marked: the data are wherever the
     * courses put them, not only in the starter instrument. The choice is kept in the address and,
     * for this evaluator and scope, as the default of their next launch.
     */
    private String instruments() {
        List<AnsweredInstrument> answered = setting.answered().all();
        StringBuilder html = new StringBuilder("<nav aria-label=\"Instruments answered here\" class=\"instrument-choice\">"
                + "<h2 id=\"instruments\">Instruments answered here</h2>");
        if (answered.isEmpty()) {
            return html.append("<p id=\"no-instruments\">Nobody in this ").append(setting.scope().programme() ? "programme" : "course")
                    .append(" has submitted an assessment yet.</p></nav>").toString();
        }
        html.append("<ul>");
        boolean shownListed = false;
        for (AnsweredInstrument each : answered) {
            InstrumentIdentity identity = each.identity();
            boolean shown = identity.equals(report.identity());
            shownListed |= shown;
            String label = each.instrument().title() + " (" + identity.id() + "), version " + identity.version()
                    + (setting.answered().shared(identity) ? ", content " + identity.shortHash() + " from pack " + each.packId()
                    + " version " + each.packVersion() : "");
            html.append("<li><a id=\"instrument-").append(TandemPage.attr(identity.id() + "-v" + identity.version()
                            + (setting.answered().shared(identity) ? "-" + identity.shortHash() : "")))
                    .append("\" href=\"").append(TandemPage.attr(link("/evaluate", setting.scope().kind(), identity))).append("\"")
                    .append(shown ? " aria-current=\"page\"" : "").append(">").append(TandemPage.text(label)).append("</a>: ")
                    .append(TandemPage.text(responses(each.responses()))).append("</li>");
        }
        html.append("</ul>");
        if (!shownListed) {
            html.append("<p>Shown below: ").append(TandemPage.text(instrument.title() + ", version " + instrument.version()))
                    .append(", which nobody here has answered yet.</p>");
        }
        if (answered.stream().anyMatch(each -> setting.answered().shared(each.identity()))) {
            html.append("<p class=\"notice\">Two different instruments were published under one id and version before Tandem "
                    + "refused that. They are listed, scored and matched apart, each by its own questions and reverse items.</p>");
        }
        return html.append("</nav>").toString();
    }

    /** "34 responses", or "fewer than 8 responses": a small count is itself a small group. */
    private String responses(long count) {
        return report.suppression().count(count) + (count == 1 ? " response" : " responses");
    }

    private String counts() {
        Matching m = report.matching();
        StringBuilder html = new StringBuilder("<h2 id=\"matching\">Who is included</h2><dl class=\"counts\">");
        count(html, "matched", "Matched learners (before and after, consent given)", m.matched());
        count(html, "pre-only", "Before only (no after assessment yet)", m.preOnly());
        count(html, "post-only", "After only (no before assessment)", m.postOnly());
        count(html, "excluded", "Excluded: no consent to evaluation", m.excludedNoConsent());
        count(html, "superseded", "Earlier responses replaced by a later one", m.superseded());
        if (report.otherVersionResponses() > 0) {
            count(html, "other-version", "Responses to other versions of the instrument (not analysed here)",
                    report.otherVersionResponses());
        }
        if (setting.unreadable() > 0) {
            count(html, "unreadable", "Completed assessments that could not be read (their content is no longer installed)",
                    setting.unreadable());
        }
        html.append("</dl><p class=\"muted\">Only learners with both a before and an after assessment of the same instrument "
                + "version, and who agreed to their answers being used for evaluation, are analysed. Nobody is left out "
                + "without being counted here; counts from 1 to " + (report.suppression().minimum() - 1) + " read \"fewer than "
                + report.suppression().minimum() + "\", since so few people could be picked out.</p>");
        return html.toString();
    }

    /** One count, or "fewer than 8" for a small one: who declined consent or answered only once is a small group too. */
    private void count(StringBuilder html, String id, String label, int value) {
        html.append("<dt>").append(TandemPage.text(label)).append("</dt><dd id=\"count-").append(id).append("\">")
                .append(TandemPage.text(report.suppression().count(value))).append("</dd>");
    }

    // ------------------------------------------------------------------ tables

    private String summaryTable(Cohort cohort) {
        Cell total = report.cell(Measure.TOTAL, cohort);
        String n = total.change().defined() ? " (" + total.change().get().n() + " learners)" : "";
        StringBuilder table = new StringBuilder("<div class=\"table-scroll\" tabindex=\"0\"><table class=\"figures\" id=\"summary-")
                .append(cohort.name().toLowerCase(Locale.ROOT)).append("\"><caption>").append(TandemPage.text(cohort.label() + n))
                .append("</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">n</th>")
                .append("<th scope=\"col\">Before: mean (SD)</th><th scope=\"col\">After: mean (SD)</th>")
                .append("<th scope=\"col\">Mean change [95 % CI]</th><th scope=\"col\">Paired t-test p</th>")
                .append("<th scope=\"col\">Wilcoxon signed-rank p (V, method)</th><th scope=\"col\"><abbr title=\"Cohen's d for paired scores\">d<sub>z</sub></abbr></th>")
                .append("<th scope=\"col\"><abbr title=\"Hedges' g, average-SD version\">g<sub>av</sub></abbr> (size)</th>")
                .append("<th scope=\"col\">Cronbach's α before</th><th scope=\"col\">Cronbach's α after</th></tr></thead><tbody>");
        for (Measure measure : report.measures()) {
            Cell cell = report.cell(measure, cohort);
            table.append("<tr").append(measure.total() ? " class=\"total\"" : "").append("><th scope=\"row\">")
                    .append(TandemPage.text(measure.title())).append("</th>");
            if (!cell.change().defined()) {
                table.append(unavailable(cell.change(), 10));
            } else {
                PairedComparison c = cell.change().get();
                table.append(td(String.valueOf(c.n())))
                        .append(td(Figures.meanSd(c.pre().mean(), c.pre().sd())))
                        .append(td(Figures.meanSd(c.post().mean(), c.post().sd())))
                        .append(td(Figures.signed(c.meanChange()) + " " + Figures.interval(c.changeInterval())))
                        .append(td(Figures.p(c.tTest().map(TTestResult::p))))
                        .append(td(Figures.signedRank(c.signedRank())))
                        .append(td(Figures.number(c.dz())))
                        .append(td(Figures.sized(c.gav())))
                        .append(alpha(cell.alphaPre()))
                        .append(alpha(cell.alphaPost()));
            }
            table.append("</tr>");
        }
        return table.append("</tbody></table></div>").toString();
    }

    private String alpha(Outcome<CronbachAlpha> alpha) {
        if (alpha.suppressed()) {
            return "<td class=\"withheld\">" + withheldLabel(alpha.reason().orElse("")) + "</td>";
        }
        return td(alpha.defined() ? Figures.number(alpha.get().alpha()) : Figures.NOT_AVAILABLE);
    }

    private String groupDifferences() {
        StringBuilder table = new StringBuilder("<h2 id=\"groups\">Managers compared with clinicians</h2>"
                + "<p>Did the two groups change differently? The difference is the managers' mean change minus the clinicians', "
                + "with Welch's t-test, which does not assume both groups vary alike.</p>"
                + "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"figures\" id=\"group-difference\"><caption>Difference in change: "
                + "managers minus clinicians</caption><thead><tr><th scope=\"col\">Measure</th>"
                + "<th scope=\"col\">Managers: n, mean change</th><th scope=\"col\">Clinicians: n, mean change</th>"
                + "<th scope=\"col\">Difference [95 % CI]</th><th scope=\"col\">Welch t (df)</th><th scope=\"col\">p</th></tr>"
                + "</thead><tbody>");
        for (Measure measure : report.measures()) {
            Outcome<GroupDifference> outcome = report.groupDifference(measure);
            table.append("<tr><th scope=\"row\">").append(TandemPage.text(measure.title())).append("</th>");
            if (!outcome.defined()) {
                table.append(unavailable(outcome, 5));
            } else {
                GroupDifference d = outcome.get();
                table.append(td(d.managers().n() + ", " + Figures.signed(d.managers().mean())))
                        .append(td(d.clinicians().n() + ", " + Figures.signed(d.clinicians().mean())))
                        .append(td(Figures.signed(d.difference()) + " " + Figures.interval(d.interval())))
                        .append(td(d.welch().defined() ? Figures.number(d.welch().get().t()) + " ("
                                + Figures.decimals(d.welch().get().degreesOfFreedom(), 1) + ")" : Figures.NOT_AVAILABLE))
                        .append(td(Figures.p(d.welch().map(TTestResult::p))));
            }
            table.append("</tr>");
        }
        return table.append("</tbody></table></div>").toString();
    }

    private String thenTest() {
        StringBuilder table = new StringBuilder("<h2 id=\"then-test\">Looking back: the retrospective then-test</h2>"
                + "<p>On the after form learners also rated how they now think they stood before. A difference between "
                + "\"then\" and \"before\" suggests their view of the starting point shifted (response shift); \"after\" minus "
                + "\"then\" is the change as learners see it in hindsight.</p>"
                + "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"figures\" id=\"then-test-table\"><caption>Retrospective then-ratings "
                + "compared with before and after</caption><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Measure</th>"
                + "<th scope=\"col\">n</th><th scope=\"col\">Before: mean</th><th scope=\"col\">Then: mean</th>"
                + "<th scope=\"col\">Then − before [95 % CI]</th><th scope=\"col\">p</th>"
                + "<th scope=\"col\">After − then [95 % CI]</th><th scope=\"col\">p</th></tr></thead><tbody>");
        for (Cohort cohort : cohorts()) {
            for (Measure measure : report.measures()) {
                Outcome<ThenTest> outcome = report.cell(measure, cohort).thenTest();
                table.append("<tr><th scope=\"row\">").append(TandemPage.text(cohort.label())).append("</th><td>")
                        .append(TandemPage.text(measure.title())).append("</td>");
                if (!outcome.defined()) {
                    table.append(unavailable(outcome, 7));
                } else {
                    PairedComparison versusPre = outcome.get().thenVersusPre();
                    PairedComparison postVersusThen = outcome.get().postVersusThen();
                    table.append(td(String.valueOf(outcome.get().n())))
                            .append(td(Figures.number(versusPre.pre().mean())))
                            .append(td(Figures.number(versusPre.post().mean())))
                            .append(td(Figures.signed(versusPre.meanChange()) + " " + Figures.interval(versusPre.changeInterval())))
                            .append(td(Figures.p(versusPre.tTest().map(TTestResult::p))))
                            .append(td(Figures.signed(postVersusThen.meanChange()) + " "
                                    + Figures.interval(postVersusThen.changeInterval())))
                            .append(td(Figures.p(postVersusThen.tTest().map(TTestResult::p))));
                }
                table.append("</tr>");
            }
        }
        return table.append("</tbody></table></div><p class=\"muted\">p-values of the then-test are from paired t-tests.</p>")
                .toString();
    }

    private String outlook() {
        StringBuilder html = new StringBuilder("<h2 id=\"outlook\">Outlook before and after</h2><p>")
                .append(TandemPage.text(instrument.outlook().text()))
                .append(" Each table counts matched learners by the answer they gave before (rows) and after (columns).</p>");
        for (Cohort cohort : cohorts()) {
            Outcome<OutlookTable> outcome = report.outlook(cohort);
            String id = "outlook-" + cohort.name().toLowerCase(Locale.ROOT);
            if (!outcome.defined()) {
                html.append("<p id=\"").append(id).append("\"><strong>").append(TandemPage.text(cohort.label())).append(":</strong> ")
                        .append(outcome.suppressed() ? withheldLabel(outcome.reason().orElse("")) + " – " : "")
                        .append(TandemPage.text(outcome.reason().orElse(""))).append("</p>");
                continue;
            }
            OutlookTable t = outcome.get();
            html.append("<div class=\"table-scroll\" tabindex=\"0\"><table class=\"figures outlook\" id=\"").append(id).append("\"><caption>")
                    .append(TandemPage.text(cohort.label() + " (" + t.n() + " learners)")).append("</caption><thead><tr>")
                    .append("<td></td>");
            for (String option : t.options()) {
                html.append("<th scope=\"col\">After: ").append(TandemPage.text(option)).append("</th>");
            }
            html.append("</tr></thead><tbody>");
            for (int pre = 0; pre < t.options().size(); pre++) {
                html.append("<tr><th scope=\"row\">Before: ").append(TandemPage.text(t.options().get(pre))).append("</th>");
                for (int post = 0; post < t.options().size(); post++) {
                    html.append(pre == post ? "<td class=\"same\">" : "<td>").append(t.count(pre, post)).append("</td>");
                }
                html.append("</tr>");
            }
            html.append("</tbody></table></div>");
            if (t.unanswered() + t.offOptions() > 0) {
                html.append("<p class=\"muted\">Not in the table: ").append(report.suppression().count(t.unanswered()))
                        .append(" matched learners did not answer the outlook item both times");
                if (t.offOptions() > 0) {
                    html.append(", and ").append(report.suppression().count(t.offOptions()))
                            .append(" gave an answer that is not one of its options");
                }
                html.append(".</p>");
            }
        }
        return html.toString();
    }

    // ------------------------------------------------------------------ readings and exports

    private String readings() {
        StringBuilder html = new StringBuilder("<h2 id=\"readings\">What the results say</h2><p>Each result in plain words: "
                + "direction, size and uncertainty. These compare the same learners at two times; on their own they do not "
                + "show what caused a change.</p>");
        boolean first = true;
        for (Cohort cohort : cohorts()) {
            html.append("<details class=\"readings\"").append(first ? " open" : "").append("><summary>")
                    .append(TandemPage.text(cohort.label())).append("</summary><ul>");
            for (Measure measure : report.measures()) {
                for (Reading reading : report.cell(measure, cohort).readings(instrument.scale())) {
                    html.append(reading(reading));
                }
            }
            html.append("</ul></details>");
            first = false;
        }
        html.append("<details class=\"readings\"><summary>Managers compared with clinicians</summary><ul>");
        for (Measure measure : report.measures()) {
            html.append(reading(report.groupDifferenceReading(measure)));
        }
        html.append("</ul></details>");
        if (instrument.outlook() != null) {
            html.append("<details class=\"readings\"><summary>Outlook</summary><ul>");
            for (Cohort cohort : cohorts()) {
                html.append(reading(report.outlookReading(cohort)));
            }
            html.append("</ul></details>");
        }
        return html.toString();
    }

    /**
     * The free-text answers of consenting learners, by form and group, withheld for a group with
     * fewer answers than the minimum, under a caution: learners' own words can name people.
     */
    private String freeText() {
        FreeTextAnswers answers = FreeTextAnswers.of(report);
        if (answers.prompt().isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2 id=\"free-text\">What learners wrote</h2><p>The assessment asked: <q>")
                .append(TandemPage.text(answers.prompt().get())).append("</q> Answers of learners who agreed to their answers "
                        + "being used for evaluation, sorted alphabetically; a group with fewer than ")
                .append(report.suppression().minimum()).append(" answers is withheld.</p>")
                .append("<div class=\"notice\" role=\"note\" id=\"free-text-caution\"><p><strong>Personal data.</strong> These "
                        + "are learners' own words. They may name or point to colleagues, teams, patients or the writer: treat them "
                        + "as personal data, quote them only with anything identifying taken out, and do not try to find out who "
                        + "wrote them.</p></div>");
        for (Phase phase : List.of(Phase.POST, Phase.PRE)) {
            for (ProfessionalGroup group : ProfessionalGroup.values()) {
                Outcome<List<FreeTextAnswers.Answer>> outcome = answers.answers(phase, group);
                String heading = (phase == Phase.POST ? "After the programme" : "Before the programme") + ", "
                        + Cohort.of(group).label().toLowerCase(Locale.ROOT);
                String id = "free-text-" + phase.name().toLowerCase(Locale.ROOT) + "-" + group.name().toLowerCase(Locale.ROOT);
                if (outcome.defined() && outcome.get().isEmpty()) {
                    continue;
                }
                html.append("<h3 id=\"").append(id).append("\">").append(TandemPage.text(heading)).append("</h3>");
                if (!outcome.defined()) {
                    html.append("<p class=\"withheld\">").append(withheldLabel(outcome.reason().orElse(""))).append(' ')
                            .append(TandemPage.text(outcome.reason().orElse(""))).append("</p>");
                    continue;
                }
                html.append("<ul class=\"free-text\">");
                for (FreeTextAnswers.Answer answer : outcome.get()) {
                    html.append("<li>").append(TandemPage.text(answer.text())).append("</li>");
                }
                html.append("</ul>");
            }
        }
        if (answers.shown().isEmpty()) {
            html.append("<p id=\"free-text-none\">No answers to show.</p>");
        }
        return html.toString();
    }

    private static String reading(Reading reading) {
        return "<li><strong>" + TandemPage.text(reading.topic()) + ".</strong> " + TandemPage.text(reading.text()) + "</li>";
    }

    private String exports() {
        return "<h2 id=\"exports\">Download</h2><ul class=\"exports\">"
                + "<li><a id=\"export-csv\" href=\"" + TandemPage.attr(here("/evaluate/export.csv"))
                + "\" download>Learner-level data (CSV)</a>: one row per matched learner, by pseudonym, with item answers and "
                + "scores; the group of a withheld group is not given, and then the pseudonyms are for that download only.</li>"
                + "<li><a id=\"export-json\" href=\"" + TandemPage.attr(here("/evaluate/summary.json"))
                + "\" download>Summary (JSON)</a>: the figures on this page, with withheld figures left out.</li>"
                + "<li><a id=\"export-r\" href=\"" + TandemPage.attr(here("/evaluate/reproduce.R"))
                + "\" download>Reproduce in R (.R)</a>: a script that reads the learner-level CSV and computes every figure "
                + "on this page from the item answers, with base R. Save both files in one folder and run "
                + "<code>Rscript " + TandemPage.text(fileStem(instrument, setting.scope())) + ".R " + TandemPage.text(fileStem(instrument, setting.scope())) + ".csv</code>.</li>"
                + (instrument.freeTextPrompt() == null ? "" : "<li><a id=\"export-free-text\" href=\""
                        + TandemPage.attr(here("/evaluate/free-text.csv")) + "\" download>Free-text answers (CSV)</a>: the answers "
                        + "shown above, by form and group, with no pseudonym; personal data.</li>")
                + "</ul>"
                + "<p class=\"muted\">Every download is recorded in Tandem's audit log.</p>";
    }

    /** The downloads' file name without extension, e.g. {@code tandem-evaluation-relationship-course}. */
    static String fileStem(Instrument instrument, EvaluationScope scope) {
        return "tandem-evaluation-" + instrument.id() + "-" + scope.kind();
    }

    // ------------------------------------------------------------------ cells

    private static String td(String text) {
        return "<td>" + TandemPage.text(text) + "</td>";
    }

    /** A row's remaining cells when its figures are withheld or cannot be computed. */
    private String unavailable(Outcome<?> outcome, int columns) {
        String reason = outcome.reason().orElse("");
        if (outcome.suppressed()) {
            return "<td colspan=\"" + columns + "\" class=\"withheld\">" + withheldLabel(reason) + " <span class=\"reason\">"
                    + TandemPage.text(reason) + "</span></td>";
        }
        return "<td colspan=\"" + columns + "\" class=\"unavailable\">Not available: " + TandemPage.text(reason) + "</td>";
    }

    /** "withheld (fewer than 8)" when the group is too small; plain "withheld" when it would reveal one that is. */
    private String withheldLabel(String reason) {
        return reason.startsWith("Suppressed: fewer than ")
                ? "<strong>withheld (fewer than " + report.suppression().minimum() + ")</strong>"
                : "<strong>withheld</strong>";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
