package org.tandem.evaluation.boundary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tandem.catalogue.entity.Scale;
import org.tandem.evaluation.control.Cell;
import org.tandem.evaluation.control.Cohort;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.Interval;
import org.tandem.evaluation.control.Measure;
import org.tandem.evaluation.control.PairedComparison;
import org.tandem.evaluation.control.ScoredPair;
import org.tandem.platform.boundary.Messages;

/**
 * The geometry of the evaluation's charts, drawn as SVG by the templates (evaluation/boundary/
 * forest.jte and histogram.jte): no scripts, no inline styles (the CSP forbids them), colours by
 * class in the style sheet. Each chart is an image with a title and a description (role="img")
 * that give its figures in words, and the page's tables carry the same figures.
 *
 * <p>Charts are drawn narrow (440 units wide) with labels on lines of their own above the marks,
 * so that on a phone, where the chart shrinks to the screen, text of 13 to 15 units stays at
 * least 10 CSS pixels high; the style sheet caps their width on wide screens.
 *
 * <p>Charts show aggregates only, never a mark per learner, so ten thousand learners draw as fast
 * as ten; cohorts the report withholds are left out, with a note saying so.
 */
final class EvaluationCharts {

    static final int WIDTH = 440;
    /** Where labels start and figures end. */
    private static final double LEFT = 6;
    private static final double RIGHT = WIDTH - 6;
    /** The axis: inset from the labels so that the end ticks' labels fit. */
    private static final double X0 = 24;
    private static final double X1 = WIDTH - 24;
    private static final double BIN = 0.5;

    private EvaluationCharts() {
    }

    /** A mark on the horizontal axis. */
    record Tick(String x, String label) {
    }

    /** A measure's name, on a line of its own above its rows. */
    record Heading(String y, String text) {
    }

    /**
     * One row of the forest plot: a cohort's mean change on a measure (the dot) and its 95 %
     * interval (the line), with the figure as the summary table gives it.
     */
    record ForestRow(String measure, String cohort, String label, String figure, String textY, String barY, String x,
                     Optional<String> lower, Optional<String> upper, boolean total) {
    }

    record ForestPlot(String id, boolean empty, int width, int height, String title, String desc, List<Heading> headings,
                      List<ForestRow> rows, List<Tick> ticks, String top, String zeroX, String axisY, String tickY,
                      String axisTitleY, String directionY, String left, String right, String x0, String x1, String middle, String caption,
                      Optional<String> omitted) {
    }

    /** Mean change with its 95 % interval for every measure and cohort shown: the report's main result at a glance. */
    static ForestPlot forest(EvaluationReport report, Messages words, String id) {
        Scale scale = report.instrument().scale();
        String scaleText = scale.min() + "\u2013" + scale.max();
        record Point(Measure measure, Cohort cohort, PairedComparison change) {
        }
        List<Point> points = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (Measure measure : report.measures()) {
            for (Cohort cohort : Cohort.values()) {
                Cell cell = report.cell(measure, cohort);
                if (cell.suppressed()) {
                    omitted.add(measure.title() + ", " + words.text("evaluation.cohort.lower." + cohort.name()));
                } else if (cell.change().defined() && cell.change().get().meanChange().defined()) {
                    points.add(new Point(measure, cohort, cell.change().get()));
                }
            }
        }
        String caption = words.text("evaluation.forest.caption", scaleText);
        Optional<String> note = omitted.isEmpty() ? Optional.empty()
                : Optional.of(words.text("evaluation.chart.omitted", String.join("; ", omitted)));
        String title = words.text("evaluation.forest.title");
        if (points.isEmpty()) {
            return new ForestPlot(id, true, WIDTH, 0, title, "", List.of(), List.of(), List.of(), "", "", "", "", "", "", "", "", "", "",
                    "", caption, note);
        }
        double lowest = -0.5;
        double highest = 0.5;
        for (Point p : points) {
            double mean = p.change().meanChange().get();
            Interval interval = p.change().changeInterval().value().orElse(new Interval(mean, mean));
            lowest = Math.min(lowest, Math.min(mean, interval.lower()));
            highest = Math.max(highest, Math.max(mean, interval.upper()));
        }
        double lo = Math.floor(lowest / BIN) * BIN;
        double hi = Math.ceil(highest / BIN) * BIN;
        double step = hi - lo > 3 ? 1 : BIN;
        StringBuilder desc = new StringBuilder(words.text("evaluation.forest.desc", scaleText));
        List<Heading> headings = new ArrayList<>();
        List<ForestRow> rows = new ArrayList<>();
        double top = 8;
        double y = top;
        Measure current = null;
        for (Point p : points) {
            if (!p.measure().equals(current)) {
                headings.add(new Heading(f(y + 18), p.measure().title()));
                y += 26;
                current = p.measure();
            }
            PairedComparison c = p.change();
            double mean = c.meanChange().get();
            Optional<Interval> interval = c.changeInterval().value();
            String figure = Figures.signed(mean) + interval.map(i -> " " + Figures.interval(c.changeInterval())).orElse("");
            String label = words.text("evaluation.chart.label", words.text("evaluation.cohort." + p.cohort().name()), c.n());
            rows.add(new ForestRow(p.measure().id(), cssClass(p.cohort()), label, figure, f(y + 14), f(y + 26), f(x(mean, lo, hi)),
                    interval.map(i -> f(x(i.lower(), lo, hi))), interval.map(i -> f(x(i.upper(), lo, hi))), p.measure().total()));
            desc.append(' ').append(words.text(interval.isPresent() ? "evaluation.forest.desc.row" : "evaluation.forest.desc.row.point",
                    p.measure().title(), words.text("evaluation.cohort.lower." + p.cohort().name()), c.n(), Figures.signed(mean),
                    interval.map(i -> Figures.signed(i.lower())).orElse(""), interval.map(i -> Figures.signed(i.upper())).orElse("")));
            y += 36;
        }
        double axisY = y + 4;
        List<Tick> ticks = new ArrayList<>();
        for (double v = lo; v <= hi + 1e-9; v += step) {
            ticks.add(new Tick(f(x(v, lo, hi)), tickLabel(v)));
        }
        return new ForestPlot(id, false, WIDTH, (int) Math.ceil(axisY + 64), title, desc.toString(), headings, rows, ticks, f(top),
                f(x(0, lo, hi)), f(axisY), f(axisY + 18), f(axisY + 38), f(axisY + 58), f(LEFT), f(RIGHT), f(X0), f(X1),
                f((X0 + X1) / 2), caption, note);
    }

    /** Change scores binned: how many learners' totals moved by how much. */
    record Histogram(Cohort cohort, int n, int[] counts, double median, int improved, int unchanged, int declined) {
    }

    record Bar(String x, String y, String width, String height) {
    }

    record Panel(String cohort, String label, String labelY, String baseY, List<Bar> bars) {
    }

    /** The chart's figures as a table: the share of each cohort in each band. */
    record Shares(String caption, List<String> columns, List<List<String>> rows) {
    }

    record Histograms(String id, boolean empty, int width, int height, String title, String desc, List<Panel> panels,
                      List<Tick> ticks, String top, String zeroX, String zeroBottom, String tickY, String axisTitleY, String x0,
                      String x1, String middle, Shares table, String caption, Optional<String> omitted) {
    }

    /**
     * The distribution of the change in the total score per cohort (all learners, then each
     * group), in bins half a scale point wide centred on whole and half points.
     */
    static Histograms changeDistribution(EvaluationReport report, Messages words, String id) {
        Measure measure = Measure.TOTAL;
        Map<Cohort, List<Double>> changes = new EnumMap<>(Cohort.class);
        List<String> omitted = new ArrayList<>();
        for (Cohort cohort : Cohort.values()) {
            if (report.cell(measure, cohort).suppressed()) {
                omitted.add(words.text("evaluation.cohort." + cohort.name()));
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
        String caption = words.text("evaluation.histogram.caption");
        Optional<String> note = omitted.isEmpty() ? Optional.empty()
                : Optional.of(words.text("evaluation.chart.omitted", String.join("; ", omitted)));
        String title = words.text("evaluation.histogram.title");
        if (changes.isEmpty()) {
            return new Histograms(id, true, WIDTH, 0, title, "", List.of(), List.of(), "", "", "", "", "", "", "", "",
                    new Shares("", List.of(), List.of()), caption, note);
        }
        Scale scale = report.instrument().scale();
        int span = scale.max() - scale.min();
        double lowest = changes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(0);
        double highest = changes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
        int lo = Math.max(-span * 2, Math.min(-2, (int) Math.floor(lowest / BIN + 0.5)));
        int hi = Math.min(span * 2, Math.max(2, (int) Math.floor(highest / BIN + 0.5)));
        List<Histogram> histograms = new ArrayList<>();
        changes.forEach((cohort, values) -> histograms.add(histogram(cohort, values, lo, hi)));

        int bins = hi - lo + 1;
        double binWidth = (X1 - X0) / bins;
        double maxShare = 0;
        for (Histogram h : histograms) {
            for (int count : h.counts()) {
                maxShare = Math.max(maxShare, (double) count / h.n());
            }
        }
        double top = 4;
        double panelHeight = 96;
        double barSpace = 64;
        StringBuilder desc = new StringBuilder(words.text("evaluation.histogram.desc"));
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < histograms.size(); i++) {
            Histogram h = histograms.get(i);
            double panelTop = top + i * panelHeight;
            double base = panelTop + 22 + barSpace;
            List<Bar> bars = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (h.counts()[b] == 0) {
                    continue;
                }
                double barHeight = Math.max(1, (double) h.counts()[b] / h.n() / maxShare * barSpace);
                bars.add(new Bar(f(X0 + b * binWidth + 1), f(base - barHeight), f(Math.max(1, binWidth - 2)), f(barHeight)));
            }
            String label = words.text("evaluation.chart.label", words.text("evaluation.cohort." + h.cohort().name()), h.n());
            panels.add(new Panel(cssClass(h.cohort()), label, f(panelTop + 16), f(base), bars));
            desc.append(' ').append(words.text("evaluation.histogram.desc.cohort", words.text("evaluation.cohort." + h.cohort().name()),
                    h.n(), percent(h.improved(), h.n()), percent(h.unchanged(), h.n()), percent(h.declined(), h.n()),
                    Figures.signed(h.median())));
        }
        double axisY = top + histograms.size() * panelHeight;
        int step = bins > 9 ? 2 : 1;
        List<Tick> ticks = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if ((b + lo) % step == 0) {
                ticks.add(new Tick(f(X0 + (b + 0.5) * binWidth), band(b + lo)));
            }
        }
        List<String> columns = new ArrayList<>();
        for (Histogram h : histograms) {
            columns.add(words.text("evaluation.chart.label", words.text("evaluation.cohort." + h.cohort().name()), h.n()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int b = lo; b <= hi; b++) {
            List<String> row = new ArrayList<>(List.of(band(b)));
            for (Histogram h : histograms) {
                row.add(percent(h.counts()[b - lo], h.n()));
            }
            rows.add(row);
        }
        return new Histograms(id, false, WIDTH, (int) Math.ceil(axisY + 44), title, desc.toString(), panels, ticks, f(top),
                f(X0 + (0 - lo + 0.5) * binWidth), f(axisY - 6), f(axisY + 12), f(axisY + 34), f(X0), f(X1), f((X0 + X1) / 2),
                new Shares(words.text("evaluation.histogram.table"), columns, rows), caption, note);
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

    /** The label of a band: its centre, signed. */
    private static String band(int bin) {
        return tickLabel(bin * BIN);
    }

    /** A value on a change axis, signed with a true minus: "−0.5", "0", "+1". */
    private static String tickLabel(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        String text = rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.format(Locale.UK, "%.1f", rounded);
        text = text.replace('-', '\u2212');
        return rounded > 0 ? "+" + text : text;
    }

    private static String percent(int count, int n) {
        return n == 0 ? "0 %" : Math.round(100.0 * count / n) + " %";
    }

    private static double x(double value, double lo, double hi) {
        return X0 + (value - lo) / (hi - lo) * (X1 - X0);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String cssClass(Cohort cohort) {
        return "cohort-" + cohort.name().toLowerCase(Locale.ROOT);
    }
}
