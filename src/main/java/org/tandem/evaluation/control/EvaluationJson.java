package org.tandem.evaluation.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import org.tandem.catalogue.entity.Instrument;

/**
 * The summary of a report as JSON, with suppression applied: a withheld figure appears as
 * {@code "status": "suppressed"} and its reason, never as a number. A figure the data cannot give
 * is {@code null}, with the reason in {@code notes}.
 */
public final class EvaluationJson {

    private EvaluationJson() {
    }

    /**
     * @param scope      "course" or "programme"
     * @param unreadable completed attempts that could not be read
     */
    public static JsonObject summary(EvaluationReport report, String scope, int unreadable) {
        Instrument instrument = report.instrument();
        Matching matching = report.matching();
        Notes small = new Notes();
        Suppression suppression = report.suppression();
        JsonObjectBuilder matchingCounts = Json.createObjectBuilder()
                .add("matched", small.count(matching.matched(), suppression, "matched"))
                .add("pre_only", small.count(matching.preOnly(), suppression, "pre_only"))
                .add("post_only", small.count(matching.postOnly(), suppression, "post_only"))
                .add("excluded_no_consent", small.count(matching.excludedNoConsent(), suppression, "excluded_no_consent"))
                .add("superseded", small.count(matching.superseded(), suppression, "superseded"))
                .add("other_version_responses", small.count(report.otherVersionResponses(), suppression, "other_version_responses"))
                .add("unreadable", small.count(unreadable, suppression, "unreadable"));
        small.addTo(matchingCounts);
        JsonObjectBuilder root = Json.createObjectBuilder()
                .add("instrument", Json.createObjectBuilder().add("id", instrument.id()).add("version", instrument.version())
                        .add("content_hash", report.identity().contentHash())
                        .add("title", instrument.title()))
                .add("scope", scope)
                .add("minimum_group_size", report.suppression().minimum())
                .add("matching", matchingCounts);
        JsonArrayBuilder cells = Json.createArrayBuilder();
        for (Cell cell : report.cells()) {
            cells.add(cell(cell));
        }
        root.add("cells", cells);
        JsonArrayBuilder differences = Json.createArrayBuilder();
        for (Measure measure : report.measures()) {
            JsonObjectBuilder difference = Json.createObjectBuilder().add("measure", measure.id());
            Outcome<GroupDifference> outcome = report.groupDifference(measure);
            if (status(difference, outcome)) {
                GroupDifference d = outcome.get();
                Notes notes = new Notes();
                difference.add("managers", Json.createObjectBuilder().add("n", d.managers().n())
                                .add("mean_change", notes.number(d.managers().mean(), "managers_mean_change"))
                                .add("sd_change", notes.number(d.managers().sd(), "managers_sd_change")))
                        .add("clinicians", Json.createObjectBuilder().add("n", d.clinicians().n())
                                .add("mean_change", notes.number(d.clinicians().mean(), "clinicians_mean_change"))
                                .add("sd_change", notes.number(d.clinicians().sd(), "clinicians_sd_change")))
                        .add("difference", notes.number(d.difference(), "difference"))
                        .add("ci_lower", notes.number(d.interval().map(Interval::lower), "interval"))
                        .add("ci_upper", notes.number(d.interval().map(Interval::upper), "interval"))
                        .add("welch_t", notes.number(d.welch().map(TTestResult::t), "welch"))
                        .add("welch_df", notes.number(d.welch().map(TTestResult::degreesOfFreedom), "welch"))
                        .add("welch_p", notes.number(d.welch().map(TTestResult::p), "welch"));
                notes.addTo(difference);
            }
            differences.add(difference);
        }
        root.add("group_differences", differences);
        JsonArrayBuilder outlook = Json.createArrayBuilder();
        for (Cohort cohort : Cohort.values()) {
            JsonObjectBuilder table = Json.createObjectBuilder().add("cohort", cohort(cohort));
            Outcome<OutlookTable> outcome = report.outlook(cohort);
            if (status(table, outcome)) {
                OutlookTable t = outcome.get();
                JsonArrayBuilder options = Json.createArrayBuilder();
                t.options().forEach(options::add);
                JsonArrayBuilder counts = Json.createArrayBuilder();
                for (List<Integer> row : t.counts()) {
                    JsonArrayBuilder r = Json.createArrayBuilder();
                    row.forEach(r::add);
                    counts.add(r);
                }
                table.add("n", t.n()).add("options", options).add("counts_pre_by_post", counts)
                        .add("unanswered", t.unanswered()).add("off_options", t.offOptions());
            }
            outlook.add(table);
        }
        root.add("outlook", outlook);
        JsonArrayBuilder readings = Json.createArrayBuilder();
        for (Reading reading : report.readings()) {
            readings.add(Json.createObjectBuilder().add("topic", reading.topic()).add("text", reading.text()));
        }
        return root.add("readings", readings).build();
    }

    static String cohort(Cohort cohort) {
        return cohort.name().toLowerCase(Locale.ROOT);
    }

    private static JsonObject cell(Cell cell) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("measure", cell.measure().id())
                .add("measure_title", cell.measure().title()).add("cohort", cohort(cell.cohort()));
        if (!status(json, cell.change())) {
            return json.build();
        }
        PairedComparison c = cell.change().get();
        Notes notes = new Notes();
        comparison(json, c, notes);
        json.add("alpha_pre", alpha(cell.alphaPre(), notes, "alpha_pre"))
                .add("alpha_post", alpha(cell.alphaPost(), notes, "alpha_post"));
        JsonObjectBuilder then = Json.createObjectBuilder();
        if (status(then, cell.thenTest())) {
            Notes thenNotes = new Notes();
            JsonObjectBuilder versusPre = Json.createObjectBuilder();
            comparison(versusPre, cell.thenTest().get().thenVersusPre(), thenNotes);
            JsonObjectBuilder postVersusThen = Json.createObjectBuilder();
            comparison(postVersusThen, cell.thenTest().get().postVersusThen(), thenNotes);
            then.add("n", cell.thenTest().get().n()).add("then_versus_pre", versusPre).add("post_versus_then", postVersusThen);
            thenNotes.addTo(then);
        }
        json.add("then_test", then);
        notes.addTo(json);
        return json.build();
    }

    private static void comparison(JsonObjectBuilder json, PairedComparison c, Notes notes) {
        json.add("n", c.n())
                .add("pre_mean", notes.number(c.pre().mean(), "pre_mean"))
                .add("pre_sd", notes.number(c.pre().sd(), "pre_sd"))
                .add("post_mean", notes.number(c.post().mean(), "post_mean"))
                .add("post_sd", notes.number(c.post().sd(), "post_sd"))
                .add("mean_change", notes.number(c.meanChange(), "mean_change"))
                .add("sd_change", notes.number(c.sdOfChanges(), "sd_change"))
                .add("ci_lower", notes.number(c.changeInterval().map(Interval::lower), "interval"))
                .add("ci_upper", notes.number(c.changeInterval().map(Interval::upper), "interval"))
                .add("t", notes.number(c.tTest().map(TTestResult::t), "t_test"))
                .add("t_df", notes.number(c.tTest().map(TTestResult::degreesOfFreedom), "t_test"))
                .add("t_p", notes.number(c.tTest().map(TTestResult::p), "t_test"))
                .add("wilcoxon_v", notes.number(c.signedRank().map(SignedRankResult::v), "wilcoxon"))
                .add("wilcoxon_p", notes.number(c.signedRank().map(SignedRankResult::p), "wilcoxon"))
                .add("dz", notes.number(c.dz(), "dz"))
                .add("gav", notes.number(c.gav(), "gav"));
        c.signedRank().value().ifPresent(w -> json.add("wilcoxon_method", w.description())
                .add("wilcoxon_zero_differences", w.zeroDifferences()));
    }

    private static JsonValue alpha(Outcome<CronbachAlpha> alpha, Notes notes, String name) {
        return alpha.defined() ? notes.number(alpha.get().alpha(), name) : notes.missing(name, alpha.reason().orElse(""));
    }

    /** Adds "status" (and "reason"); true when the outcome has a value to describe. */
    private static boolean status(JsonObjectBuilder json, Outcome<?> outcome) {
        json.add("status", switch (outcome.status()) {
            case DEFINED -> "shown";
            case UNDEFINED -> "undefined";
            case SUPPRESSED -> "suppressed";
        });
        outcome.reason().ifPresent(reason -> json.add("reason", reason));
        return outcome.defined();
    }

    /** Numbers of one object, and why the missing ones are missing. */
    private static final class Notes {
        private final JsonObjectBuilder reasons = Json.createObjectBuilder();
        private boolean any;

        JsonValue number(Outcome<Double> value, String name) {
            if (value.defined() && Double.isFinite(value.get())) {
                return Json.createValue(value.get());
            }
            return missing(name, value.reason().orElse("not a finite number"));
        }

        /** A count, or null with the reason when it is a small one (from 1 to the minimum − 1). */
        JsonValue count(long n, Suppression suppression, String name) {
            return n == 0 || suppression.allows((int) Math.min(n, Integer.MAX_VALUE)) ? Json.createValue(n)
                    : missing(name, suppression.count(n) + ": a small count is withheld, as small groups are");
        }

        JsonValue missing(String name, String reason) {
            reasons.add(name, reason);
            any = true;
            return JsonValue.NULL;
        }

        void addTo(JsonObjectBuilder json) {
            if (any) {
                json.add("notes", reasons);
            }
        }
    }
}
