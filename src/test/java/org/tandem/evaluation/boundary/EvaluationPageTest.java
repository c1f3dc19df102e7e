package org.tandem.evaluation.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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
        return EvaluationPage.of(report, new EvaluationPage.Setting(TOKEN, scope, Optional.of("Working Together <101>"), true,
                answered(report), 0, "Eve Evaluator")).render();
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
                .contains("id=\"group-difference\"").contains("id=\"then-test-table\"").contains("id=\"outlook-all\"")
                .contains("id=\"chart-means\"").contains("id=\"chart-change\"").contains("What the results say")
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
        String html = EvaluationPage.of(report, new EvaluationPage.Setting(TOKEN, EvaluationScope.programme(1, "dep"), Optional.empty(),
                false, AnsweredInstruments.of(List.of()), 0, "Eve")).render();
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
                .isEqualTo("0.028 (V = 34, normal approximation with continuity correction; 1 zero difference dropped)");
        assertThat(Figures.signedRank(SignedRankResult.of(none, new double[] {1, 2, 3, 4, 5, 6, 7, 8, -9})))
                .isEqualTo("0.129 (V = 36, exact)");
        assertThat(Figures.signedRank(SignedRankResult.of(new double[] {1}, new double[] {1}))).isEqualTo("n/a");
    }
}
