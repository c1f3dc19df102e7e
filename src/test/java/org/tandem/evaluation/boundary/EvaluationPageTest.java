package org.tandem.evaluation.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.owasp.encoder.Encode;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.evaluation.control.AnsweredInstrument;
import org.tandem.evaluation.control.AnsweredInstruments;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.evaluation.control.Fixtures;
import org.tandem.evaluation.control.FreeTextAnswers;
import org.tandem.evaluation.control.Suppression;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.evaluation.control.SignedRankResult;

class EvaluationPageTest {

    private static final String TOKEN = "tokentokentokentokentokentokentokentokento";

    private static String render(EvaluationReport report, EvaluationScope scope) {
        return Drawn.page(report, new EvaluationPage.Setting(TOKEN, scope, Optional.of("Working Together <101>"), true,
                answered(report), 0, "Eve Evaluator"));
    }

    /** The report's own instrument, answered as often as it has responses. */
    static AnsweredInstruments answered(EvaluationReport report) {
        return AnsweredInstruments.of(List.of(new AnsweredInstrument(report.identity(), report.instrument(),
                report.matching().responses(), "starter", 1)));
    }

    private static String course(EvaluationReport report) {
        return render(report, EvaluationScope.course(1, "dep", "course-1"));
    }

    @Test
    void showsCountsTablesChartsReadingsAndExports() {
        String html = course(EvaluationChartsTest.report(12, 10, 0));
        assertThat(html).contains("id=\"count-matched\">22<").contains("id=\"count-pre-only\">0<")
                .contains("id=\"count-excluded\">0<");
        assertThat(html).contains("<table class=\"figures\" id=\"summary-all\"><caption>All learners (22 learners)</caption>")
                .contains("id=\"summary-managers\"").contains("id=\"summary-clinicians\"").doesNotContain("id=\"summary-others\"")
                .contains("id=\"group-difference\"").contains("id=\"then-test-all\"").contains("id=\"outlook-all\"")
                .contains("id=\"chart-forest\"").contains("id=\"chart-change\"").contains("What the results say")
                .contains("<th scope=\"row\">Trust</th>").contains("<th scope=\"col\">Mean change [95 % CI]</th>");
        assertThat(html).contains("href=\"/evaluate/export.csv?s=" + TOKEN + "&amp;scope=course&amp;instrument=relationship&amp;version=1\"")
                .contains("href=\"/evaluate/summary.json?s=" + TOKEN);
        assertThat(html).contains("id=\"scope-course\" href=\"/evaluate?s=" + TOKEN + "&amp;scope=course&amp;instrument=relationship\" aria-current=\"page\"")
                .contains("id=\"scope-programme\"");
        assertThat(html).contains("Working Together &lt;101&gt;").doesNotContain("<101>");
        String figures = html.substring(0, html.indexOf("id=\"free-text\""));
        assertThat(figures).doesNotContain("<strong>withheld").doesNotContain("Not drawn");
    }

    @Test
    void putsTheKeyResultsFirstInPlainWords() {
        EvaluationReport report = EvaluationChartsTest.report(20, 20, 0);
        String html = course(report);
        String main = html.substring(html.indexOf("<main"));
        assertThat(main.indexOf("<h2")).as("the first section is the headline").isEqualTo(main.indexOf("<h2 id=\"headline-heading\">"));
        assertThat(main.indexOf("id=\"headline\"")).isLessThan(main.indexOf("<table")).isLessThan(main.indexOf("id=\"chart-forest\""))
                .isLessThan(main.indexOf("id=\"scope-course\""));
        String headline = main.substring(main.indexOf("id=\"headline\""), main.indexOf("</section>"));
        // the total's change as the summary table gives it: "+0.30 [0.15, 0.44]" reads "+0.30 points … interval +0.15 to +0.44"
        Matcher total = Pattern.compile("<tr class=\"total\"><th scope=\"row\">Total</th><td>40</td><td>[^<]*</td><td>[^<]*</td>"
                + "<td>([+−][\\d.]+) \\[([−\\d.]+), ([−\\d.]+)]</td><td>([\\d.]+) \\((\\w+)\\)</td>").matcher(table(html, "summary-all"));
        assertThat(total.find()).isTrue();
        String all = headline.substring(headline.indexOf("id=\"headline-all\""));
        all = all.substring(0, all.indexOf("</li>"));
        assertThat(all).contains("All learners:</strong> total score " + total.group(1) + " points on average on the 1\u20135 scale (40 learners)")
                .contains("95 % interval " + signed(total.group(2)) + " to " + signed(total.group(3)))
                .contains("a " + total.group(5) + " change (g_av " + total.group(4) + ")")
                .contains("Scores were higher after the programme: the whole interval is above zero.");
        assertThat(headline).contains("id=\"headline-who\"").contains("id=\"headline-managers\"").contains("id=\"headline-clinicians\"")
                .contains("id=\"headline-groups\"").contains("do not show that the programme caused a change");
        assertThat(html).doesNotContain("excludes zero").doesNotContain("not un").doesNotContain("not fail");
    }

    @Test
    void theForestPlotShowsTheTablesFigures() throws Exception {
        EvaluationReport report = EvaluationChartsTest.report(12, 10, 0);
        String html = course(report);
        org.w3c.dom.Document forest = EvaluationChartsTest.svgs(html.substring(html.indexOf("id=\"chart-forest\""))).get(0);
        List<org.w3c.dom.Element> rows = EvaluationChartsTest.elements(forest, "g");
        assertThat(rows).hasSize(report.measures().size() * 3);
        for (org.w3c.dom.Element row : rows) {
            String cohort = row.getAttribute("class").split(" ")[1].substring("cohort-".length());
            String measure = report.measures().stream().filter(m -> m.id().equals(row.getAttribute("data-measure"))).findFirst()
                    .orElseThrow().title();
            Matcher cell = Pattern.compile("<th scope=\"row\">" + Pattern.quote(Encode.forHtml(measure)) + "</th>(?:<td>[^<]*</td>){3}<td>([^<]*)</td>")
                    .matcher(table(html, "summary-" + cohort));
            assertThat(cell.find()).as(measure + ", " + cohort).isTrue();
            assertThat(row.getAttribute("data-figure")).as(measure + ", " + cohort).isEqualTo(cell.group(1));
        }
    }

    @Test
    void tablesKeepToNineColumnsWithCronbachsAlphaInThem() {
        String html = course(EvaluationChartsTest.report(12, 10, 9));
        Matcher heads = Pattern.compile("<thead><tr>(.*?)</tr></thead>", Pattern.DOTALL).matcher(html);
        int tables = 0;
        while (heads.find()) {
            tables++;
            assertThat(heads.group(1).split("<t[hd][ >]", -1).length - 1).as(heads.group(1)).isLessThanOrEqualTo(9);
        }
        assertThat(tables).isGreaterThanOrEqualTo(12);
        assertThat(table(html, "summary-all")).contains("<th scope=\"col\">Cronbach's α before / after</th>")
                .containsPattern("<td>\\d\\.\\d\\d / \\d\\.\\d\\d</td></tr>");
        assertThat(table(html, "tests-all")).contains("Wilcoxon signed-rank p").contains("<th scope=\"col\">Method</th>");
    }

    @Test
    void saysOnceThatThereIsNoThenTestAndOnceWhyAGroupIsWithheld() {
        SimulatedCohort cohort = new SimulatedCohort(Fixtures.instrument(false), 11);
        EvaluationReport report = EvaluationReport.of(Fixtures.instrument(false),
                cohort.responses(cohort.learners("n", 12, 3, 0)), Suppression.standard());
        String html = course(report);
        assertThat(html.replace("id=\"no-then-test\"", "").split("then-test", -1).length - 1).as("then-test mentioned once")
                .isEqualTo(1);
        assertThat(html).contains("id=\"no-then-test\"").doesNotContain("then-test-all");
        String clinicians = html.substring(html.indexOf("id=\"readings-clinicians\""));
        clinicians = clinicians.substring(0, clinicians.indexOf("</details>"));
        assertThat(clinicians.split("<li>", -1)).as("one reading for every withheld measure").hasSize(2);
        assertThat(clinicians).contains("Trust and Understanding").contains("Suppressed: fewer than 8");
    }

    private static String table(String html, String id) {
        Matcher m = Pattern.compile("(<table[^>]*id=\"" + id + "\".*?</table>)", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("table " + id).isTrue();
        return m.group(1);
    }

    /** An interval end as the headline writes it: always signed. */
    private static String signed(String figure) {
        return figure.startsWith("\u2212") || figure.startsWith("+") || figure.equals("0.00") ? figure : "+" + figure;
    }

    @Test
    void everyTableHasACaptionAndScopedHeaders() {
        String html = course(EvaluationChartsTest.report(12, 10, 9));
        Matcher tables = Pattern.compile("<table.*?</table>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (tables.find()) {
            count++;
            String table = tables.group();
            assertThat(table).as(table).contains("<caption>");
            assertThat(table.split("<th[ >]", -1).length - 1).as("every th has a scope in " + table)
                    .isEqualTo(table.split("<th scope=\"(col|row)\"", -1).length - 1);
        }
        assertThat(count).isGreaterThanOrEqualTo(8);
        assertThat(html).contains("id=\"summary-others\"");
    }

    @Test
    void neverUsesInlineStylesOrScripts() {
        String html = course(EvaluationChartsTest.report(12, 3, 0));
        assertThat(html).doesNotContain("style=").doesNotContain("<script").doesNotContain("javascript:")
                .doesNotContainPattern("<[^>]+\\son[a-z]+=");
    }

    @Test
    void saysWhyASmallGroupIsWithheld() {
        String html = course(EvaluationChartsTest.report(12, 3, 0));
        assertThat(html).contains("<strong>withheld (fewer than 8)</strong>")
                .contains("Suppressed: fewer than 8 matched learners with a score before and after");
        String clinicians = html.substring(html.indexOf("id=\"summary-clinicians\""));
        clinicians = clinicians.substring(0, clinicians.indexOf("</table>"));
        assertThat(clinicians).contains("withheld (fewer than 8)").doesNotContainPattern("<td>\\d\\.\\d\\d");
        String managers = html.substring(html.indexOf("id=\"summary-managers\""));
        managers = managers.substring(0, managers.indexOf("</table>"));
        assertThat(managers).as("withheld because it would reveal the clinicians").contains("<strong>withheld</strong>")
                .contains("would reveal");
        assertThat(html).contains("Not drawn");
    }

    @Test
    void showsSmallCountsAsFewerThanTheMinimum() {
        // 10 managers and 9 clinicians, of whom 3 declined consent and 2 answered before only
        SimulatedCohort cohort = new SimulatedCohort(Fixtures.instrument(), 11);
        List<SimulatedCohort.Learner> learners = cohort.learners("s", 10, 9, 0);
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < learners.size(); i++) {
            Response pre = cohort.response(learners.get(i), Phase.PRE);
            Response post = cohort.response(learners.get(i), Phase.POST);
            responses.add(i < 3 ? Fixtures.withoutConsent(pre) : pre);
            if (i < 3 || i >= 5) {
                responses.add(post);
            }
        }
        EvaluationReport report = EvaluationReport.of(Fixtures.instrument(), responses, Suppression.standard());
        assertThat(report.matching().excludedNoConsent()).isEqualTo(3);
        assertThat(report.matching().preOnly()).isEqualTo(2);

        String html = course(report);

        assertThat(html).contains("id=\"count-matched\">14<").contains("id=\"count-excluded\">fewer than 8<")
                .contains("id=\"count-pre-only\">fewer than 8<").contains("id=\"count-post-only\">0<")
                .doesNotContain("id=\"count-excluded\">3<");
    }

    @Test
    void showsFreeTextAnswersUnderACautionAndWithholdsSmallGroups() {
        EvaluationReport report = EvaluationChartsTest.report(30, 6, 0);
        FreeTextAnswers answers = FreeTextAnswers.of(report);
        List<FreeTextAnswers.Answer> managers = answers.answers(Phase.POST, ProfessionalGroup.MANAGER).get();
        assertThat(managers).hasSizeGreaterThanOrEqualTo(8);

        String html = course(report);

        assertThat(html).contains("<h2 id=\"free-text\">What learners wrote</h2>")
                .contains("What one change would most improve the way managers and clinicians work together")
                .contains("id=\"free-text-caution\"").contains("Personal data.")
                .contains("id=\"free-text-post-manager\"").contains("id=\"export-free-text\"");
        String list = html.substring(html.indexOf("id=\"free-text-post-manager\""));
        list = list.substring(0, list.indexOf("</ul>"));
        assertThat(list.split("<li>", -1)).hasSize(managers.size() + 1);
        String clinicians = html.substring(html.indexOf("id=\"free-text-post-clinician\""));
        assertThat(clinicians.substring(0, clinicians.indexOf("</p>"))).contains("withheld (fewer than 8)")
                .doesNotContain("<li>");
    }

    @Test
    void offersTheCourseOnlyWhenTheLaunchHasOne() {
        EvaluationReport report = EvaluationChartsTest.report(10, 10, 0);
        String html = Drawn.page(report, new EvaluationPage.Setting(TOKEN, EvaluationScope.programme(1, "dep"), Optional.empty(),
                false, AnsweredInstruments.of(List.of()), 0, "Eve"));
        assertThat(html).doesNotContain("id=\"scope-course\"").contains("id=\"scope-programme\"")
                .contains("aria-current=\"page\">Whole programme");
    }

    @Test
    void formatsNumbersForReading() {
        assertThat(Figures.p(org.tandem.evaluation.control.Outcome.of(0.0004))).isEqualTo("< 0.001");
        assertThat(Figures.p(org.tandem.evaluation.control.Outcome.of(0.0412))).isEqualTo("0.041");
        assertThat(Figures.signed(-0.456)).isEqualTo("\u22120.46");
        assertThat(Figures.signed(0.456)).isEqualTo("+0.46");
        assertThat(Figures.signed(-0.001)).isEqualTo("0.00");
        assertThat(Figures.number(org.tandem.evaluation.control.Outcome.undefined("none"))).isEqualTo("n/a");
    }

    @Test
    void namesTheSignedRankMethodBesideItsP() {
        // R: wilcox.test(c(1, 1, 2, 2, 2, 3, -1, 4, 0)) gives V = 34 with a zero dropped and ties
        double[] none = new double[9];
        assertThat(Figures.signedRank(SignedRankResult.of(none, new double[] {1, 1, 2, 2, 2, 3, -1, 4, 0})))
                .containsExactly("0.028", "34", "normal approximation with continuity correction; 1 zero difference dropped");
        assertThat(Figures.signedRank(SignedRankResult.of(none, new double[] {1, 2, 3, 4, 5, 6, 7, 8, -9})))
                .containsExactly("0.129", "36", "exact");
        assertThat(Figures.signedRank(SignedRankResult.of(new double[] {1}, new double[] {1}))).containsExactly("n/a", "n/a", "");
    }
}
