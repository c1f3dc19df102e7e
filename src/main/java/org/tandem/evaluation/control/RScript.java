package org.tandem.evaluation.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Subscale;

/**
 * "Reproduce in R": a script that reads the learner-level CSV export of a report and computes every
 * figure of the page from the item answers, as Tandem does, in base R (nothing to install). An
 * evaluator who has to defend the numbers in a report can show that R, on the same file, gives
 * the same ones.
 * <p>
 * The script is the instrument's description (scale, subscales with their items and reverse
 * items, then-test, outlook options, minimum group size), written here for the report, followed by
 * the computation, which is the same for every instrument ({@code reproduce.R} beside this class).
 * Text from a content pack (titles, ids, options) goes into R string literals escaped, so a pack
 * cannot put code into an evaluator's R.
 */
public final class RScript {

    private static final String COMPUTATION = load();

    private RScript() {
    }

    /**
     * The script for {@code report}, reading {@code csvFileName} unless given another file.
     */
    public static String of(EvaluationReport report, String csvFileName) {
        Instrument instrument = report.instrument();
        StringBuilder r = new StringBuilder();
        r.append("## Reproduce in R: Tandem's evaluation of ").append(comment(instrument.title())).append('\n')
                .append("## Reads the learner-level CSV export of the same page (Download > Learner-level data) and\n")
                .append("## computes every figure of the page from the item answers, with base R only.\n")
                .append("##   Rscript ").append(comment(csvFileName.replaceFirst("\\.csv$", ".R"))).append(' ')
                .append(comment(csvFileName)).append(" [figures.csv]\n")
                .append("## or, in R or RStudio, with the CSV in the working directory: source(\"")
                .append(comment(csvFileName.replaceFirst("\\.csv$", ".R"))).append("\")\n")
                .append("## The optional second file receives every figure unrounded (section, measure, cohort, figure, value).\n\n")
                .append("## ---- what Tandem evaluated (written by Tandem for this download) ----\n")
                .append("instrument <- list(id = ").append(string(instrument.id())).append(", version = ")
                .append(instrument.version()).append("L, content = ").append(string(report.identity().contentHash()))
                .append(", title = ").append(string(instrument.title())).append(")\n")
                .append("scale_min <- ").append(instrument.scale().min()).append('\n')
                .append("scale_max <- ").append(instrument.scale().max()).append('\n')
                .append("subscales <- list(\n");
        List<Subscale> subscales = instrument.subscales();
        for (int s = 0; s < subscales.size(); s++) {
            Subscale subscale = subscales.get(s);
            r.append("  list(id = ").append(string(subscale.id())).append(", title = ").append(string(subscale.title()))
                    .append(",\n       items = c(").append(subscale.items().stream().map(item -> string(item.id()))
                            .collect(Collectors.joining(", ")))
                    .append("),\n       reverse = c(").append(subscale.items().stream().map(Item::reverse)
                            .map(reverse -> reverse ? "TRUE" : "FALSE").collect(Collectors.joining(", ")))
                    .append("))").append(s < subscales.size() - 1 ? ",\n" : "\n");
        }
        r.append(")\n")
                .append("then_test <- ").append(instrument.thenTest() ? "TRUE" : "FALSE").append('\n')
                .append("outlook_options <- ").append(instrument.outlook() == null ? "NULL" : "c(" + instrument.outlook().options()
                        .stream().map(RScript::string).collect(Collectors.joining(", ")) + ")").append('\n')
                .append("minimum_group_size <- ").append(report.suppression().minimum()).append("L\n")
                .append("default_csv <- ").append(string(csvFileName)).append("\n\n")
                .append(COMPUTATION);
        return r.toString();
    }

    /** An R string literal: quotes, backslashes and every control character escaped. */
    static String string(String value) {
        StringBuilder literal = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c == 0) {
                literal.append(' ');
            } else if (c == '"' || c == '\\') {
                literal.append('\\').append((char) c);
            } else if (c < 0x20 || c == 0x7f) {
                literal.append(String.format("\\x%02x", c));
            } else {
                literal.appendCodePoint(c);
            }
        });
        return literal.append('"').toString();
    }

    /** Text for a comment line: no line breaks. */
    private static String comment(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    }

    private static String load() {
        try (InputStream in = RScript.class.getResourceAsStream("reproduce.R")) {
            if (in == null) {
                throw new IllegalStateException("reproduce.R is missing beside " + RScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
