package org.tandem.evaluation.boundary;

import java.util.Locale;
import java.util.Map;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.platform.boundary.Messages;
import org.tandem.platform.boundary.Templates;

/** The evaluation page and its charts drawn by their compiled templates in British English, as the resource draws them. */
final class Drawn {

    static final Messages ENGLISH = Messages.of(Locale.UK);

    private Drawn() {
    }

    static String page(EvaluationReport report, EvaluationPage.Setting setting) {
        return Templates.render(EvaluationPage.TEMPLATE, Map.of("t", ENGLISH, "view", EvaluationPage.of(report, setting, ENGLISH)));
    }

    static String forest(EvaluationReport report) {
        return Templates.render("evaluation/boundary/forest.jte", Map.of("t", ENGLISH,
                "chart", EvaluationCharts.forest(report, ENGLISH, "chart-forest")));
    }

    static String changeDistribution(EvaluationReport report) {
        return Templates.render("evaluation/boundary/histogram.jte", Map.of("t", ENGLISH,
                "chart", EvaluationCharts.changeDistribution(report, ENGLISH, "chart-change")));
    }
}
