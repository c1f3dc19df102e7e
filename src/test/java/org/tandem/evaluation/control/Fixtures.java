package org.tandem.evaluation.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.OutlookItem;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/** Content and responses for evaluation tests (the page tests of the boundary use a few). */
public final class Fixtures {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private Fixtures() {
    }

    /**
     * Version 1 of a relationship instrument on a 1–5 scale: trust (t1–t4, t3 reverse-scored) and
     * understanding (u1, u2), an outlook item (better / the same / worse) and a then-test.
     */
    public static Instrument instrument() {
        return instrument(true);
    }

    public static Instrument instrument(boolean thenTest) {
        Scale scale = new Scale(1, 5, List.of("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"));
        Subscale trust = new Subscale("trust", "Trust", List.of(new Item("t1", "I trust them", false),
                new Item("t2", "They keep their word", false), new Item("t3", "I check their work", true),
                new Item("t4", "I can rely on them", false)));
        Subscale understanding = new Subscale("understanding", "Understanding",
                List.of(new Item("u1", "I know their pressures", false), new Item("u2", "I see their constraints", false)));
        return new Instrument("relationship", 1, "Working relationship", "Answer for the other profession", scale,
                List.of(trust, understanding), new OutlookItem("outlook", "In five years the relationship will be",
                        List.of("better", "the same", "worse")), thenTest, null);
    }

    /** Answers "id, value, id, value, …". */
    static Map<String, Integer> answers(Object... idsAndValues) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            answers.put((String) idsAndValues[i], (Integer) idsAndValues[i + 1]);
        }
        return answers;
    }

    /** Every item of {@link #instrument()} answered {@code value} (t3 too, so it scores 6 − value). */
    static Map<String, Integer> all(int value) {
        return answers("t1", value, "t2", value, "t3", value, "t4", value, "u1", value, "u2", value);
    }

    /** The identity of {@link #instrument()} under another version number. */
    static InstrumentIdentity identity(int version) {
        InstrumentIdentity v1 = PackJson.identity(instrument());
        return new InstrumentIdentity(v1.id(), version, v1.contentHash());
    }

    static Response pre(String key, ProfessionalGroup group, Map<String, Integer> answers) {
        return new Response(key, group, true, Phase.PRE, identity(1), answers, Map.of(), OptionalInt.empty(), START);
    }

    static Response post(String key, ProfessionalGroup group, Map<String, Integer> answers) {
        return new Response(key, group, true, Phase.POST, identity(1), answers, Map.of(), OptionalInt.empty(), START.plusSeconds(86_400));
    }

    static Response post(String key, ProfessionalGroup group, Map<String, Integer> answers, Map<String, Integer> then) {
        return new Response(key, group, true, Phase.POST, identity(1), answers, then, OptionalInt.empty(), START.plusSeconds(86_400));
    }

    /** The responses, as answers to {@code instrument} (its identity) instead. */
    static List<Response> answering(Instrument instrument, List<Response> responses) {
        InstrumentIdentity identity = PackJson.identity(instrument);
        return responses.stream().map(r -> new Response(r.learnerKey(), r.group(), r.consented(), r.phase(), identity, r.answers(),
                r.thenAnswers(), r.outlook(), r.submitted(), r.freeText())).toList();
    }

    static Response withOutlook(Response response, int option) {
        return new Response(response.learnerKey(), response.group(), response.consented(), response.phase(),
                response.instrument(), response.answers(), response.thenAnswers(), OptionalInt.of(option),
                response.submitted(), response.freeText());
    }

    public static Response withoutConsent(Response response) {
        return new Response(response.learnerKey(), response.group(), false, response.phase(), response.instrument(),
                response.answers(), response.thenAnswers(), response.outlook(), response.submitted(), response.freeText());
    }

    static Response at(Response response, Instant submitted) {
        return new Response(response.learnerKey(), response.group(), response.consented(), response.phase(),
                response.instrument(), response.answers(), response.thenAnswers(), response.outlook(), submitted,
                response.freeText());
    }

    static Response version(Response response, int version) {
        return new Response(response.learnerKey(), response.group(), response.consented(), response.phase(), identity(version),
                response.answers(), response.thenAnswers(), response.outlook(), response.submitted(), response.freeText());
    }
}
