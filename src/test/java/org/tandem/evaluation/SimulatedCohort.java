package org.tandem.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Scale;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * Made-up but plausible learners for evaluation tests and benchmarks: each has a starting level
 * on the instrument's scale, answers every item near it (reverse-worded items the other way
 * round), and after the programme answers a little higher (managers a bit more than clinicians),
 * with the then-ratings a little below the pre answers (response shift). Each writes one of four
 * answers to the free-text question, where the instrument asks one (one of them starting with
 * "=", as a spreadsheet formula would). Seeded, so every run makes the same learners.
 */
public final class SimulatedCohort {

    public static final Instant PRE_AT = Instant.parse("2026-02-02T09:00:00Z");
    public static final Instant POST_AT = Instant.parse("2026-04-06T09:00:00Z");

    /** What simulated learners write to "What one change…?". */
    public static final List<String> CHANGES = List.of("Meet on the ward once a week.", "Share the budget figures early.",
            "=Joint rota planning", "Ask before deciding, not after.");

    /** One made-up learner. */
    public record Learner(String subject, ProfessionalGroup group, boolean consented, double level, double gain) {
    }

    private final Instrument instrument;
    private final long seed;

    public SimulatedCohort(Instrument instrument, long seed) {
        this.instrument = instrument;
        this.seed = seed;
    }

    /** Managers first, then clinicians, then others; subjects {@code prefix-1, prefix-2, …}. */
    public List<Learner> learners(String prefix, int managers, int clinicians, int others) {
        Random random = new Random(seed);
        List<Learner> learners = new ArrayList<>();
        int n = 0;
        for (ProfessionalGroup group : ProfessionalGroup.values()) {
            int count = switch (group) {
                case MANAGER -> managers;
                case CLINICIAN -> clinicians;
                case OTHER -> others;
            };
            double meanGain = group == ProfessionalGroup.MANAGER ? 0.5 : 0.25;
            for (int i = 0; i < count; i++) {
                n++;
                learners.add(new Learner(prefix + "-" + n, group, true, 2.8 + 0.6 * random.nextGaussian(),
                        meanGain + 0.4 * random.nextGaussian()));
            }
        }
        return learners;
    }

    /** The learner's answers in a phase, as the assessment page would have stored them. */
    public AssessmentResponse answers(Learner learner, Phase phase) {
        Random random = new Random(seed * 31 + learner.subject().hashCode() * 7L + phase.ordinal());
        double level = learner.level() + (phase == Phase.POST ? learner.gain() : 0);
        AssessmentResponse response = AssessmentResponse.start(instrument, phase);
        for (Item item : instrument.items()) {
            response = response.answer(item.id(), answer(item, level, random));
        }
        if (response.asksThen()) {
            for (Item item : instrument.items()) {
                response = response.answerThen(item.id(), answer(item, learner.level() - 0.2, random));
            }
        }
        if (instrument.outlook() != null) {
            int options = instrument.outlook().options().size();
            response = response.chooseOutlook(Math.min(options - 1, random.nextInt(options + 1) / 2 + (phase == Phase.PRE ? 1 : 0)));
        }
        if (instrument.freeTextPrompt() != null) {
            response = response.writeFreeText(CHANGES.get(random.nextInt(CHANGES.size())));
        }
        return response;
    }

    /** The JSON an attempt stores for these answers. */
    public String state(Learner learner, Phase phase) {
        return AttemptStates.of(answers(learner, phase));
    }

    public Response response(Learner learner, Phase phase) {
        AssessmentResponse answers = answers(learner, phase);
        return new Response("key-" + learner.subject(), learner.group(), learner.consented(), phase, PackJson.identity(instrument),
                answers.answers(), answers.thenAnswers(),
                answers.outlook().isPresent() ? OptionalInt.of(answers.outlook().getAsInt()) : OptionalInt.empty(),
                phase == Phase.PRE ? PRE_AT : POST_AT, answers.freeText());
    }

    /** Pre and post responses of every learner. */
    public List<Response> responses(List<Learner> learners) {
        List<Response> responses = new ArrayList<>(learners.size() * 2);
        for (Learner learner : learners) {
            responses.add(response(learner, Phase.PRE));
            responses.add(response(learner, Phase.POST));
        }
        return responses;
    }

    /** Form fields for the assessment page: {@code item:<id>}, on the post form {@code then:<id>}, {@code outlook} and {@code free_text}. */
    public Map<String, String> form(Learner learner, Phase phase) {
        AssessmentResponse answers = answers(learner, phase);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        answers.answers().forEach((id, value) -> form.put("item:" + id, String.valueOf(value)));
        answers.thenAnswers().forEach((id, value) -> form.put("then:" + id, String.valueOf(value)));
        answers.outlook().ifPresent(option -> form.put("outlook", String.valueOf(option)));
        answers.freeText().ifPresent(text -> form.put("free_text", text));
        return form;
    }

    private int answer(Item item, double level, Random random) {
        Scale scale = instrument.scale();
        int value = (int) Math.round(level + 0.7 * random.nextGaussian());
        value = Math.max(scale.min(), Math.min(scale.max(), value));
        return item.reverse() ? scale.min() + scale.max() - value : value;
    }
}
