package org.tandem.evaluation.boundary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.tandem.catalogue.entity.Scale;
import org.tandem.evaluation.control.Cell;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.Measure;
import org.tandem.evaluation.control.PairedComparison;
import org.tandem.evaluation.control.ScoredPair;
import org.tandem.platform.boundary.TandemPage;

/**
 * The evaluation's charts as SVG drawn by Tandem: no scripts, no inline styles (the CSP forbids
 * them), colours as presentation attributes so a chart reads even without the style sheet. Each
 * is an image with a title and a description (role="img"), and the page's tables carry the same
 * figures as text. Charts show aggregates only, never a mark per learner, so ten thousand learners
 * draw as fast as ten; cohorts the report withholds are left out, with a note saying so.
 */
final class EvaluationCharts {

    private static final String NS = "http://www.w3.org/2000/svg";
    private static final int WIDTH = 720;
    private static final int LABEL_WIDTH = 190;
    private static final int RIGHT = 30;
    private static final double BIN = 0.5;
    private static final String PRE_COLOUR = "#ffffff";
    private static final String LINK_COLOUR = "#6b7785";
    private static final Map<Cohort, String> COLOURS = new EnumMap<>(Map.of(Cohort.ALL, "#005eb8", Cohort.MANAGERS, "#7c2855",
            Cohort.CLINICIANS, "#007f3b", Cohort.OTHERS, "#4a5560"));

    private EvaluationCharts() {
    }

    /** One dot-plot row: a measure's mean before and after in one cohort. */
    private record Row(Measure measure, Cohort cohort, double pre, double post, int n) {
    }

    /**
     * Mean before and after per subscale (and total) and cohort: a hollow dot before, a filled
     * dot after, joined by a line.
     */
    static String dotPlot(EvaluationReport report, String id) {
        Scale scale = report.instrument().scale();
        List<Row> rows = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (Measure measure : report.measures()) {
            for (Cohort cohort : Cohort.values()) {
                Cell cell = report.cell(measure, cohort);
                if (cell.suppressed()) {
                    omitted.add(measure.title() + ", " + lower(cohort));
                } else if (cell.change().defined()) {
                    PairedComparison c = cell.change().get();
                    if (c.pre().mean().defined() && c.post().mean().defined()) {
                        rows.add(new Row(measure, cohort, c.pre().mean().get(), c.post().mean().get(), c.n()));
                    }
                }
            }
        }
        StringBuilder html = new StringBuilder("<figure class=\"chart\" id=\"").append(id).append("\">");
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">No chart: there are no mean scores to show.</p>");
        } else {
            int rowHeight = 22;
            int headingHeight = 22;
            int top = 40;
            int height = top + rows.size() * rowHeight + headingHeight * report.measures().size() + 40;
            double x0 = LABEL_WIDTH;
            double x1 = WIDTH - RIGHT;
            StringBuilder desc = new StringBuilder("Mean scores on the scale from " + scale.min() + " to " + scale.max()
                    + ", before (hollow dot) and after (filled dot) the programme. ");
            StringBuilder svg = open(id, WIDTH, height, "Mean scores before and after, by subscale and group");
            // grid and scale labels
            for (int v = scale.min(); v <= scale.max(); v++) {
                double x = x(v, scale, x0, x1);
                svg.append("<line class=\"chart-grid\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                        .append(top - 10).append("\" y2=\"").append(height - 30).append("\" stroke=\"#c9d1d9\" stroke-width=\"1\"/>")
                        .append("<text class=\"chart-tick\" x=\"").append(f(x)).append("\" y=\"").append(top - 16)
                        .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f23\">").append(v).append("</text>");
            }
            double y = top;
            Measure current = null;
            for (Row row : rows) {
                if (!row.measure().equals(current)) {
                    // the measure's name on a line of its own: subscale titles are too long to share one with the dots
                    svg.append("<text class=\"chart-heading\" x=\"8\" y=\"").append(f(y + headingHeight - 6))
                            .append("\" font-size=\"13\" font-weight=\"600\" fill=\"#1b1f23\">").append(text(row.measure().title()))
                            .append("</text>");
                    y += headingHeight;
                }
                current = row.measure();
                double cy = y + rowHeight / 2.0;
                double pre = x(row.pre(), scale, x0, x1);
                double post = x(row.post(), scale, x0, x1);
                String colour = COLOURS.get(row.cohort());
                svg.append("<g class=\"chart-row ").append(cssClass(row.cohort())).append("\">")
                        .append("<text class=\"chart-label\" x=\"").append(f(x0 - 12)).append("\" y=\"").append(f(cy + 4))
                        .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f23\">")
                        .append(text(row.cohort().label() + " (n = " + row.n() + ")")).append("</text>")
                        .append("<line class=\"chart-link\" x1=\"").append(f(pre)).append("\" x2=\"").append(f(post)).append("\" y1=\"")
                        .append(f(cy)).append("\" y2=\"").append(f(cy)).append("\" stroke=\"").append(LINK_COLOUR)
                        .append("\" stroke-width=\"2\"/>")
                        .append("<circle class=\"chart-pre\" cx=\"").append(f(pre)).append("\" cy=\"").append(f(cy))
                        .append("\" r=\"5\" fill=\"").append(PRE_COLOUR).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"/>")
                        .append("<circle class=\"chart-post\" cx=\"").append(f(post)).append("\" cy=\"").append(f(cy))
                        .append("\" r=\"5\" fill=\"").append(colour).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"/></g>");
                desc.append(row.measure().title()).append(", ").append(lower(row.cohort())).append(" (").append(row.n())
                        .append(" learners): ").append(Figures.number(row.pre())).append(" before, ")
                        .append(Figures.number(row.post())).append(" after. ");
                y += rowHeight;
            }
            // legend
            double ly = height - 14;
            svg.append("<g class=\"chart-legend\"><circle cx=\"").append(f(x0)).append("\" cy=\"").append(f(ly - 4))
                    .append("\" r=\"5\" fill=\"#ffffff\" stroke=\"#1b1f23\" stroke-width=\"2\"/><text x=\"").append(f(x0 + 10))
                    .append("\" y=\"").append(f(ly)).append("\" font-size=\"12\" fill=\"#1b1f23\">before</text><circle cx=\"")
                    .append(f(x0 + 80)).append("\" cy=\"").append(f(ly - 4))
                    .append("\" r=\"5\" fill=\"#1b1f23\" stroke=\"#1b1f23\" stroke-width=\"2\"/><text x=\"").append(f(x0 + 90))
                    .append("\" y=\"").append(f(ly)).append("\" font-size=\"12\" fill=\"#1b1f23\">after</text></g>");
            html.append(close(svg, desc.toString().trim(), id));
        }
        html.append("<figcaption>Mean score before and after the programme, per subscale and group (hollow dot: before; "
                + "filled dot: after). The summary tables above give the same figures.</figcaption>");
        html.append(omittedNote(omitted));
        return html.append("</figure>").toString();
    }

    /** Change scores binned: how many learners' totals moved by how much. */
    record Histogram(Cohort cohort, int n, int[] counts, double median, int improved, int unchanged, int declined) {
    }

    /**
     * The distribution of the change in the total score per cohort (all learners, then each
     * group), in bins half a scale point wide centred on whole and half points.
     */
    static String changeDistribution(EvaluationReport report, String id) {
        Measure measure = Measure.TOTAL;
        Map<Cohort, List<Double>> changes = new EnumMap<>(Cohort.class);
        List<String> omitted = new ArrayList<>();
        for (Cohort cohort : Cohort.values()) {
            if (report.cell(measure, cohort).suppressed()) {
                omitted.add(cohort.label());
            } else {
                changes.put(cohort, new ArrayList<>());
            }
        }
        for (ScoredPair pair : report.scoredPairs()) {
            OptionalDouble change = pair.change(measure);
            if (change.isEmpty()) {
                continue;
            }
            List<Double> all = changes.get(Cohort.ALL);
            if (all != null) {
                all.add(change.getAsDouble());
            }
            List<Double> group = changes.get(Cohort.of(pair.pair().group()));
            if (group != null) {
                group.add(change.getAsDouble());
            }
        }
        changes.values().removeIf(List::isEmpty);
        StringBuilder html = new StringBuilder("<figure class=\"chart\" id=\"").append(id).append("\">");
        if (changes.isEmpty()) {
            html.append("<p class=\"muted\">No chart: no change scores can be shown.</p>");
        } else {
            Scale scale = report.instrument().scale();
            int span = scale.max() - scale.min();
            double lowest = changes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(0);
            double highest = changes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
            int lo = Math.max(-span * 2, Math.min(-2, (int) Math.floor(lowest / BIN + 0.5)));
            int hi = Math.min(span * 2, Math.max(2, (int) Math.floor(highest / BIN + 0.5)));
            List<Histogram> histograms = new ArrayList<>();
            changes.forEach((cohort, values) -> histograms.add(histogram(cohort, values, lo, hi)));
            html.append(histogramSvg(histograms, lo, hi, id));
            html.append(histogramTable(histograms, lo, hi, id));
        }
        html.append("<figcaption>How much each learner's total score changed, per group: the share of learners in each band of "
                + "change (bands half a point wide; the band at 0 holds changes from −0.25 to under +0.25).</figcaption>");
        html.append(omittedNote(omitted));
        return html.append("</figure>").toString();
    }

    static Histogram histogram(Cohort cohort, List<Double> values, int lo, int hi) {
        int[] counts = new int[hi - lo + 1];
        int improved = 0;
        int declined = 0;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (double value : sorted) {
            int bin = (int) Math.floor(value / BIN + 0.5);
            counts[Math.max(lo, Math.min(hi, bin)) - lo]++;
            if (bin > 0) {
                improved++;
            } else if (bin < 0) {
                declined++;
            }
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Histogram(cohort, n, counts, median, improved, n - improved - declined, declined);
    }

    private static String histogramSvg(List<Histogram> histograms, int lo, int hi, String id) {
        int bins = hi - lo + 1;
        int panel = 100;
        int top = 16;
        int height = top + histograms.size() * panel + 40;
        double x0 = LABEL_WIDTH;
        double x1 = WIDTH - RIGHT;
        double binWidth = (x1 - x0) / bins;
        double maxShare = 0;
        for (Histogram h : histograms) {
            for (int count : h.counts()) {
                maxShare = Math.max(maxShare, (double) count / h.n());
            }
        }
        StringBuilder desc = new StringBuilder("Change in the total score from before to after, per group. ");
        StringBuilder svg = open(id, WIDTH, height, "Distribution of the change in total score, by group");
        double zero = x0 + (0 - lo + 0.5) * binWidth;
        for (int i = 0; i < histograms.size(); i++) {
            Histogram h = histograms.get(i);
            double base = top + (i + 1) * panel - 14;
            double barSpace = panel - 34;
            String colour = COLOURS.get(h.cohort());
            svg.append("<g class=\"chart-panel ").append(cssClass(h.cohort())).append("\">")
                    .append("<text class=\"chart-label\" x=\"").append(f(x0 - 12)).append("\" y=\"").append(f(base - barSpace / 2))
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f23\">")
                    .append(text(h.cohort().label() + " (n = " + h.n() + ")")).append("</text>")
                    .append("<line class=\"chart-axis\" x1=\"").append(f(x0)).append("\" x2=\"").append(f(x1)).append("\" y1=\"")
                    .append(f(base)).append("\" y2=\"").append(f(base)).append("\" stroke=\"#6b7785\" stroke-width=\"1\"/>");
            for (int b = 0; b < bins; b++) {
                if (h.counts()[b] == 0) {
                    continue;
                }
                double share = (double) h.counts()[b] / h.n();
                double barHeight = Math.max(1, share / maxShare * barSpace);
                svg.append("<rect class=\"chart-bar\" x=\"").append(f(x0 + b * binWidth + 1)).append("\" y=\"")
                        .append(f(base - barHeight)).append("\" width=\"").append(f(Math.max(1, binWidth - 2)))
                        .append("\" height=\"").append(f(barHeight)).append("\" fill=\"").append(colour).append("\"/>");
            }
            svg.append("</g>");
            desc.append(h.cohort().label()).append(", ").append(h.n()).append(" learners: ").append(percent(h.improved(), h.n()))
                    .append(" higher after, ").append(percent(h.unchanged(), h.n())).append(" about the same, ")
                    .append(percent(h.declined(), h.n())).append(" lower; median change ")
                    .append(Figures.signed(h.median())).append(" points. ");
        }
        double axisY = top + histograms.size() * panel;
        svg.append("<line class=\"chart-zero\" x1=\"").append(f(zero)).append("\" x2=\"").append(f(zero)).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(f(axisY - 14)).append("\" stroke=\"#1b1f23\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>");
        int step = bins > 12 ? 2 : 1;
        for (int b = 0; b < bins; b++) {
            if ((b + lo) % step != 0) {
                continue;
            }
            double x = x0 + (b + 0.5) * binWidth;
            svg.append("<text class=\"chart-tick\" x=\"").append(f(x)).append("\" y=\"").append(f(axisY + 4))
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1f23\">").append(text(band(b + lo)))
                    .append("</text>");
        }
        svg.append("<text class=\"chart-axis-title\" x=\"").append(f((x0 + x1) / 2)).append("\" y=\"").append(f(axisY + 24))
                .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f23\">change in total score (points)</text>");
        return close(svg, desc.toString().trim(), id);
    }

    private static String histogramTable(List<Histogram> histograms, int lo, int hi, String id) {
        StringBuilder table = new StringBuilder("<details><summary>The chart's figures as a table</summary><table id=\"")
                .append(id).append("-table\"><caption>Share of learners by change in total score</caption><thead><tr>")
                .append("<th scope=\"col\">Change (points)</th>");
        for (Histogram h : histograms) {
            table.append("<th scope=\"col\">").append(text(h.cohort().label())).append(" (n = ").append(h.n()).append(")</th>");
        }
        table.append("</tr></thead><tbody>");
        for (int b = lo; b <= hi; b++) {
            table.append("<tr><th scope=\"row\">").append(text(band(b))).append("</th>");
            for (Histogram h : histograms) {
                table.append("<td>").append(percent(h.counts()[b - lo], h.n())).append("</td>");
            }
            table.append("</tr>");
        }
        return table.append("</tbody></table></details>").toString();
    }

    /** The label of a band: its centre, signed. */
    private static String band(int bin) {
        double centre = bin * BIN;
        String text = centre == Math.rint(centre) ? String.valueOf((int) centre) : String.format(Locale.UK, "%.1f", centre);
        text = text.replace('-', '\u2212');
        return centre > 0 ? "+" + text : text;
    }

    private static String percent(int count, int n) {
        return n == 0 ? "0 %" : Math.round(100.0 * count / n) + " %";
    }

    private static StringBuilder open(String id, int width, int height, String title) {
        return new StringBuilder("<svg xmlns=\"").append(NS).append("\" class=\"chart-svg\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" aria-labelledby=\"").append(id).append("-title ")
                .append(id).append("-desc\" font-family=\"system-ui, sans-serif\"><title id=\"").append(id).append("-title\">")
                .append(text(title)).append("</title>");
    }

    private static String close(StringBuilder svg, String desc, String id) {
        // the description goes first among the drawing so assistive technology finds it with the title
        int afterTitle = svg.indexOf("</title>") + "</title>".length();
        svg.insert(afterTitle, "<desc id=\"" + id + "-desc\">" + text(desc) + "</desc>");
        return svg.append("</svg>").toString();
    }

    private static String omittedNote(List<String> omitted) {
        if (omitted.isEmpty()) {
            return "";
        }
        return "<p class=\"muted chart-note\">Not drawn, because the figures are withheld for groups that are too small to "
                + "report (or that would reveal one): " + text(String.join("; ", omitted)) + ".</p>";
    }

    private static double x(double value, Scale scale, double x0, double x1) {
        double span = Math.max(1, scale.max() - scale.min());
        return x0 + (value - scale.min()) / span * (x1 - x0);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String text(String value) {
        return TandemPage.text(value);
    }

    private static String lower(Cohort cohort) {
        return cohort.label().toLowerCase(Locale.ROOT);
    }

    static String cssClass(Cohort cohort) {
        return "cohort-" + cohort.name().toLowerCase(Locale.ROOT);
    }
}
