package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void leavesPlainFieldsAlone() {
        assertThat(Csv.field("p-0a1b2c3d4e5f")).isEqualTo("p-0a1b2c3d4e5f");
        assertThat(Csv.field("Get better")).isEqualTo("Get better");
        assertThat(Csv.field("")).isEmpty();
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void quotesFieldsWithSeparatorsQuotesAndLineBreaks() {
        assertThat(Csv.field("better, or worse")).isEqualTo("\"better, or worse\"");
        assertThat(Csv.field("the \"other\" group")).isEqualTo("\"the \"\"other\"\" group\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
        assertThat(Csv.field("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(Csv.field("=HYPERLINK(\"http://evil.example\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(Csv.field("+1+1")).isEqualTo("'+1+1");
        assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.field("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
        assertThat(Csv.field("=1,2")).as("neutralised, then quoted for the comma").isEqualTo("\"'=1,2\"");
        assertThat(Csv.field("a=b")).as("only a leading sign starts a formula").isEqualTo("a=b");
    }

    @Test
    void writesNumbersWithADotAndNoFormulaPrefix() {
        String csv = new Csv().number(-0.5).number(3.25).number(4.0).number(1.0 / 3).number(-0.00001).number(Double.NaN)
                .number(OptionalDouble.empty()).number(7L).endRow().toString();
        assertThat(csv).isEqualTo("-0.5,3.25,4,0.3333333333333333,-0.00001,,,7\r\n");
    }

    @Test
    void writesEveryDigitSoTheFileReadsBackAsTheSameNumbers() {
        // a total of four subscale means, and a change between two of them, as evaluation computes them
        double total = (3.2 + 3.4 + 3.6 + 3.8) / 4;
        double change = 3.4 - 3.2;
        for (double value : new double[] {total, change, 11.0 / 3, -4.440892098500626E-16, 1e21}) {
            String written = Csv.decimal(value);
            assertThat(written).doesNotContain("E");
            assertThat(Double.parseDouble(written)).as(written).isEqualTo(value);
        }
        assertThat(Csv.decimal(change)).isEqualTo("0.19999999999999973");
    }

    @Test
    void endsRowsWithCrLf() {
        String csv = new Csv().text("a").text("b,c").endRow().text("d").empty().endRow().toString();
        assertThat(csv).isEqualTo("a,\"b,c\"\r\nd,\r\n");
    }
}
