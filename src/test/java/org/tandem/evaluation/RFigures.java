package org.tandem.evaluation;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Tandem's "Reproduce in R" script with Debian's R ({@code Rscript}, package r-base-core) and
 * compares every figure it computes with Tandem's JSON summary of the same page. Tests that use it
 * are skipped, with the reason, where R is not installed.
 */
public final class RFigures {

    /** Figures agree to this (absolute, and relative to the figure): far below any digit shown. */
    static final double TOLERANCE = 1e-9;

    /** What the comparison found: how many of Tandem's figures R reproduced, and every one it did not. */
    public record Comparison(int compared, List<String> mismatches, String rOutput) {
    }

    private RFigures() {
    }

    /** Skips the calling test, saying why, unless {@code Rscript} runs. */
    public static void assumeR() {
        boolean available;
        try {
            Process version = new ProcessBuilder("Rscript", "--version").redirectErrorStream(true).start();
            available = version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        Assumptions.assumeTrue(available, "R is not installed (Rscript not found): the R script is not run. "
                + "On Debian: apt-get install r-base-core");
    }

    /**
     * Writes the script and the CSV into {@code dir}, runs the script on the CSV and compares what R
     * computes with {@code summary}.
     */
    public static Comparison run(Path dir, String script, String csv, JsonObject summary) throws Exception {
        Path scriptFile = dir.resolve("reproduce.R");
        Path csvFile = dir.resolve("export.csv");
        Path figures = dir.resolve("figures.csv");
        Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
        Process r = new ProcessBuilder("Rscript", scriptFile.toString(), csvFile.toString(), figures.toString())
                .redirectErrorStream(true).start();
        String output = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!r.waitFor(120, TimeUnit.SECONDS) || r.exitValue() != 0) {
            throw new AssertionError("Rscript failed:\n" + output);
        }
        return compare(summary, read(figures), output);
    }

    /** section|measure|cohort|figure → value, from the script's figures file. */
    static Map<String, Double> read(Path figures) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(figures, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            values.put(unquote(f[0]) + "|" + unquote(f[1]) + "|" + unquote(f[2]) + "|" + unquote(f[3]),
                    Double.parseDouble(unquote(f[4])));
        }
        return values;
    }

    private static String unquote(String field) {
        return field.startsWith("\"") ? field.substring(1, field.length() - 1) : field;
    }

    static Comparison compare(JsonObject summary, Map<String, Double> r, String output) {
        Map<String, Double> tandem = new LinkedHashMap<>();
        for (JsonValue value : summary.getJsonArray("cells")) {
            JsonObject cell = value.asJsonObject();
            if (!cell.getString("status").equals("shown")) {
                continue;
            }
            String where = cell.getString("measure") + "|" + cell.getString("cohort") + "|";
            numbers(tandem, "change|" + where, cell);
            JsonObject then = cell.getJsonObject("then_test");
            if (then.getString("status").equals("shown")) {
                numbers(tandem, "then_versus_pre|" + where, then.getJsonObject("then_versus_pre"));
                numbers(tandem, "post_versus_then|" + where, then.getJsonObject("post_versus_then"));
            }
        }
        for (JsonValue value : summary.getJsonArray("group_differences")) {
            JsonObject difference = value.asJsonObject();
            if (difference.getString("status").equals("shown")) {
                numbers(tandem, "group_difference|" + difference.getString("measure") + "|managers_minus_clinicians|", difference);
            }
        }
        for (JsonValue value : summary.getJsonArray("outlook")) {
            JsonObject table = value.asJsonObject();
            if (table.getString("status").equals("shown")) {
                String where = "outlook|outlook|" + table.getString("cohort") + "|";
                numbers(tandem, where, table);
                JsonArray rows = table.getJsonArray("counts_pre_by_post");
                for (int i = 0; i < rows.size(); i++) {
                    for (int j = 0; j < rows.getJsonArray(i).size(); j++) {
                        tandem.put(where + "count_" + i + "_" + j, (double) rows.getJsonArray(i).getInt(j));
                    }
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        tandem.forEach((key, expected) -> {
            Double actual = r.get(key);
            if (actual == null) {
                mismatches.add(key + ": Tandem " + expected + ", R none");
            } else if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
                mismatches.add(key + ": Tandem " + expected + ", R " + actual);
            }
        });
        return new Comparison(tandem.size(), mismatches, output);
    }

    /** Every number of {@code object}, nested objects' as {@code outer_inner}. */
    private static void numbers(Map<String, Double> into, String prefix, JsonObject object) {
        object.forEach((name, value) -> {
            if (value instanceof JsonNumber number) {
                into.put(prefix + name, number.doubleValue());
            } else if (value instanceof JsonObject inner && !name.equals("then_test") && !name.equals("notes")) {
                inner.forEach((innerName, innerValue) -> {
                    if (innerValue instanceof JsonNumber number) {
                        into.put(prefix + name + "_" + innerName, number.doubleValue());
                    }
                });
            }
        });
    }
}
