package org.tandem.evaluation.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.Suppression;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EvaluationChartsTest {

    static final Instrument RELATIONSHIP = new PackReader().readClasspath("content/starter").instrument("relationship").orElseThrow();

    static EvaluationReport report(int managers, int clinicians, int others) {
        SimulatedCohort cohort = new SimulatedCohort(RELATIONSHIP, 11);
        return EvaluationReport.of(RELATIONSHIP, cohort.responses(cohort.learners("u", managers, clinicians, others)),
                Suppression.standard());
    }

    /** The SVG elements of a chart's HTML, parsed as XML: they must be well-formed on their own. */
    static List<Document> svgs(String html) throws Exception {
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        List<Document> documents = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        while (m.find()) {
            documents.add(factory.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
        }
        return documents;
    }

    private static void assertAccessibleAndStyleFree(String html) throws Exception {
        List<Document> svgs = svgs(html);
        assertThat(svgs).hasSize(1);
        Element svg = svgs.get(0).getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        Element title = (Element) svg.getElementsByTagNameNS("*", "title").item(0);
        Element desc = (Element) svg.getElementsByTagNameNS("*", "desc").item(0);
        assertThat(title.getTextContent()).isNotBlank();
        assertThat(desc.getTextContent()).isNotBlank();
        assertThat(svg.getAttribute("aria-labelledby").split(" ")).containsExactly(title.getAttribute("id"), desc.getAttribute("id"));
        NodeList all = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            assertThat(element.hasAttribute("style")).as("style attribute on <%s>", element.getLocalName()).isFalse();
            assertThat(element.getLocalName()).isNotIn("script", "foreignObject", "style");
            for (int a = 0; a < element.getAttributes().getLength(); a++) {
                assertThat(element.getAttributes().item(a).getNodeName()).doesNotStartWith("on");
            }
        }
        assertThat(html).doesNotContain("style=").doesNotContain("<script");
    }

    @Test
    void drawsTheForestPlotAsAnAccessibleImage() throws Exception {
        String html = Drawn.forest(report(12, 10, 0));
        assertAccessibleAndStyleFree(html);
        Document svg = svgs(html).get(0);
        // five measures (four subscales and the total) × three cohorts shown: a dot and an interval each
        assertThat(elements(svg, "circle")).hasSize(5 * 3);
        assertThat(elements(svg, "line").stream().filter(l -> l.getAttribute("class").equals("chart-interval"))).hasSize(5 * 3);
        assertThat(svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .contains("Trust, managers (12 learners): ").contains("interval");
        assertThat(html).contains("<figcaption>").doesNotContain("Not drawn");
    }

    @Test
    void leavesWithheldCohortsOutOfTheForestPlotAndSaysSo() throws Exception {
        String html = Drawn.forest(report(12, 10, 3));
        assertAccessibleAndStyleFree(html);
        assertThat(html).contains("Not drawn").contains("other professions");
        assertThat(svgs(html).get(0).getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .doesNotContain("other professions");
        assertThat(html).doesNotContain("cohort-others");
    }

    @Test
    void placesEveryDotAndIntervalWhereItsFiguresSay() throws Exception {
        Document svg = svgs(Drawn.forest(report(12, 10, 0))).get(0);
        double[] axis = axis(svg);
        for (Element row : elements(svg, "g")) {
            // "+0.31 [0.12, 0.50]": the mean and the interval's ends, as the summary table gives them
            Matcher figure = Pattern.compile("([+−]?[\\d.]+) \\[([−\\d.]+), ([−\\d.]+)]").matcher(row.getAttribute("data-figure"));
            assertThat(figure.matches()).as(row.getAttribute("data-figure")).isTrue();
            Element dot = (Element) row.getElementsByTagNameNS("*", "circle").item(0);
            Element interval = (Element) row.getElementsByTagNameNS("*", "line").item(0);
            assertThat(value(axis, dot.getAttribute("cx"))).isCloseTo(number(figure.group(1)), within(0.006));
            assertThat(value(axis, interval.getAttribute("x1"))).isCloseTo(number(figure.group(2)), within(0.006));
            assertThat(value(axis, interval.getAttribute("x2"))).isCloseTo(number(figure.group(3)), within(0.006));
        }
    }

    @Test
    void chartTextStaysLegibleWhenAPhoneShrinksTheChart() throws Exception {
        // on a 390 px phone the page's content is 366 px wide: every text must still be 10 px or more
        EvaluationReport report = report(12, 10, 9);
        for (Document svg : svgs(Drawn.forest(report) + Drawn.changeDistribution(report))) {
            double width = Double.parseDouble(svg.getDocumentElement().getAttribute("viewBox").split(" ")[2]);
            List<Element> texts = elements(svg, "text");
            assertThat(texts).isNotEmpty();
            for (Element text : texts) {
                assertThat(Double.parseDouble(text.getAttribute("font-size")) * 366 / width).as(text.getTextContent())
                        .isGreaterThanOrEqualTo(10);
            }
        }
    }

    @Test
    void drawsTheChangeDistributionByGroup() throws Exception {
        String html = Drawn.changeDistribution(report(12, 10, 0));
        assertAccessibleAndStyleFree(html);
        assertThat(html).contains("All learners (n = 22)").contains("Managers (n = 12)").contains("Clinicians (n = 10)")
                .contains("<caption").contains("scope=\"col\"").contains("scope=\"row\"");
        assertThat(svgs(html).get(0).getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .contains("Managers, 12 learners:").contains("median change");
    }

    @Test
    void omitsSuppressedGroupsFromTheChangeDistribution() throws Exception {
        String html = Drawn.changeDistribution(report(20, 4, 0));
        assertAccessibleAndStyleFree(html);
        assertThat(html).contains("All learners (n = 24)").doesNotContain("Managers (n =").doesNotContain("Clinicians (n =")
                .contains("Not drawn").contains("Managers").contains("Clinicians");
    }

    @Test
    void drawsNothingPerLearnerSoTenThousandDrawAsFastAsTen() throws Exception {
        String small = Drawn.changeDistribution(report(10, 10, 0)) + Drawn.forest(report(10, 10, 0));
        EvaluationReport large = report(5_000, 5_000, 0);
        long start = System.nanoTime();
        String big = Drawn.changeDistribution(large) + Drawn.forest(large);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(big.length()).as("chart size does not grow with learners").isLessThan(small.length() * 3);
        assertThat(millis).as("charts of 10,000 learners, ms").isLessThan(500);
        for (Document svg : svgs(big)) {
            assertThat(svg.getElementsByTagNameNS("*", "*").getLength()).isLessThan(400);
        }
    }

    static List<Element> elements(Document svg, String name) {
        NodeList nodes = svg.getElementsByTagNameNS("*", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The forest plot's axis from its first and last tick: {value, x} of each. */
    static double[] axis(Document svg) {
        List<Element> ticks = elements(svg, "text").stream().filter(t -> t.getAttribute("class").equals("chart-tick")).toList();
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(2);
        Element first = ticks.get(0);
        Element last = ticks.get(ticks.size() - 1);
        return new double[] {number(first.getTextContent()), Double.parseDouble(first.getAttribute("x")),
                number(last.getTextContent()), Double.parseDouble(last.getAttribute("x"))};
    }

    /** The value at x on the axis. */
    static double value(double[] axis, String x) {
        return axis[0] + (Double.parseDouble(x) - axis[1]) / (axis[3] - axis[1]) * (axis[2] - axis[0]);
    }

    /** A figure as the page writes it ("+0.31", "−0.12") as a number. */
    static double number(String figure) {
        return Double.parseDouble(figure.replace('\u2212', '-').replace("+", ""));
    }

    @Test
    void binsChangesAroundWholeAndHalfPoints() {
        EvaluationCharts.Histogram h = EvaluationCharts.histogram(Cohort.ALL, List.of(-0.3, -0.2, 0.0, 0.24, 0.25, 0.6, 3.0), -2, 2);
        // bins centred on −1, −0.5, 0, +0.5, +1: −0.3 → −0.5; −0.2, 0, 0.24 → 0; 0.25, 0.6 → +0.5; 3.0 → clamped to +1
        assertThat(h.counts()).containsExactly(0, 1, 3, 2, 1);
        assertThat(h.improved()).isEqualTo(3);
        assertThat(h.unchanged()).isEqualTo(3);
        assertThat(h.declined()).isEqualTo(1);
        assertThat(h.median()).isEqualTo(0.24);
    }
}
