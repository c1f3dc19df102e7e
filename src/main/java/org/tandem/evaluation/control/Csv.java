package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * A CSV file as RFC 4180 writes it: comma-separated fields, CRLF line ends, and a field quoted
 * (inner quotes doubled) whenever it holds a comma, a quote, CR or LF.
 * <p>
 * Exports are opened in spreadsheets, which run a cell starting with {@code =}, {@code +},
 * {@code -} or {@code @} (and, in some, tab or CR) as a formula. Text fields that start so get a
 * leading single quote, which spreadsheets show as text (OWASP "CSV injection"). Numbers that
 * Tandem formats itself cannot hold a formula, so they are written as they are: prefixing would
 * turn every negative change score into text and break the analysis the file is for.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final StringBuilder out = new StringBuilder();
    private final List<String> row = new ArrayList<>();

    /** Adds a text field (escaped and neutralised). */
    public Csv text(String value) {
        row.add(field(value));
        return this;
    }

    /** Adds a number; an empty field when absent or not finite. */
    public Csv number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : empty();
    }

    public Csv number(double value) {
        row.add(Double.isFinite(value) ? decimal(value) : "");
        return this;
    }

    public Csv number(long value) {
        row.add(Long.toString(value));
        return this;
    }

    public Csv empty() {
        row.add("");
        return this;
    }

    /** Ends the row. */
    public Csv endRow() {
        out.append(String.join(",", row)).append("\r\n");
        row.clear();
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** One text field: neutralised against formulas, then quoted if it needs to be. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0 || safe.indexOf('\n') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /**
     * Every digit the double holds (the shortest decimal that reads back as the same double), a dot
     * as the decimal mark whatever the server's locale, no exponent, no trailing zeros. Not rounded:
     * software re-running the analysis from the file must see the very numbers Tandem computed with,
     * or a tie Tandem saw (or did not see) in the last binary digit changes a signed-rank test.
     */
    static String decimal(double value) {
        // BigDecimal rather than String.format: an export of 10,000 learners writes 150,000 of these
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
