package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.control.MarkdownRenderer;
import org.tandem.catalogue.control.SafeHtml;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.InvalidAnswer;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.Phase;
import org.tandem.platform.boundary.Pages;

/**
 * A pre or post relationship assessment: one item per row, answers saved as you go (a small
 * script saves each change; without it the Save button does), submitted once. Pre and post use
 * the same instrument version.
 */
@Path("learn/assessment/{instrumentId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class AssessmentResource {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * The view of learning/boundary/assessment.jte: the instrument's items by subscale, the "then"
     * ratings when the post form asks for them, the outlook and free-text questions, with the answers so far.
     */
    public record AssessmentForm(String person, String token, String instrumentId, String title, Phase phase,
                                 Optional<String> error, Optional<String> notice, SafeHtml instructions, long attempt,
                                 List<Part> parts, Optional<Part> then, Optional<Question> outlook, Optional<FreeText> freeText) {

        /** The questions to answer (the optional free text is not one). */
        public long total() {
            return questions().count();
        }

        public long answered() {
            return questions().filter(q -> q.options().stream().anyMatch(Option::checked)).count();
        }

        private java.util.stream.Stream<Question> questions() {
            return java.util.stream.Stream.of(parts.stream().flatMap(p -> p.items().stream()),
                    then.stream().flatMap(p -> p.items().stream()), outlook.stream()).flatMap(q -> q);
        }
    }

    /** A subscale (or the "looking back" ratings): its items as Likert questions. */
    public record Part(String title, List<Question> items) {
    }

    /** One question with its options; {@code missing} marks an unanswered one after a refused submit. */
    public record Question(String name, String text, boolean missing, List<Option> options) {
    }

    public record Option(int value, String label, boolean checked) {
    }

    public record FreeText(String prompt, String text) {
    }

    /** The view of learning/boundary/assessmentDone.jte. */
    public record Submitted(String person, String title, Phase phase, String when, String activities) {
    }

    @Inject
    Pages pages;

    @Inject
    LearnerContext context;

    @Inject
    Activities activities;

    @Inject
    Attempts attempts;

    @Inject
    MarkdownRenderer markdown;

    @GET
    @Transactional
    public Response show(@PathParam("instrumentId") String instrumentId, @QueryParam(LearnerContext.TOKEN) String token,
                         @QueryParam("phase") String phaseParam, @QueryParam("saved") String saved) {
        Phase phase = phase(token, instrumentId, phaseParam);
        LearnerProfile profile = activities.profile(token, path(instrumentId, phase));
        Attempt attempt = attempt(instrumentId, phase, profile);
        Instrument instrument = instrument(activities.pinned(attempt), instrumentId);
        AssessmentResponse response = AttemptStates.assessment(instrument, phase, attempt.state());
        if (attempt.completed()) {
            return submitted(instrument, phase, attempt);
        }
        return form(instrument, response, attempt, saved != null ? pages.text("assessment.saved") : null, null, 200);
    }

    /** Saves every answer on the form (the no-script path, and the last step before submitting). */
    @POST
    @Path("save")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response save(@PathParam("instrumentId") String instrumentId, MultivaluedMap<String, String> form) {
        return apply(instrumentId, form, false);
    }

    @POST
    @Path("submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response submit(@PathParam("instrumentId") String instrumentId, MultivaluedMap<String, String> form) {
        return apply(instrumentId, form, true);
    }

    /** Saves one answer as the learner gives it (called by assets/assessment.js); 204 or a 4xx with the reason. */
    @POST
    @Path("answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public Response answer(@PathParam("instrumentId") String instrumentId, MultivaluedMap<String, String> form) {
        Target target = target(instrumentId, form);
        if (target.attempt.completed()) {
            return Response.status(409).entity(pages.text("assessment.answer.submitted")).build();
        }
        try {
            AssessmentResponse updated = fill(target.response, form);
            target.attempt.progress(AttemptStates.of(updated), attempts.now());
            attempts.flush();
            return Response.noContent().build();
        } catch (InvalidAnswer e) {
            return Response.status(400).entity(e.getMessage()).build();
        } catch (OptimisticLockException e) {
            return Response.status(409).entity(pages.text("assessment.answer.window")).build();
        }
    }

    private record Target(Attempt attempt, Instrument instrument, Phase phase, AssessmentResponse response) {
    }

    private Target target(String instrumentId, MultivaluedMap<String, String> form) {
        String token = form.getFirst(LearnerContext.TOKEN);
        activities.profile(token, "/learn");
        long attemptId;
        try {
            attemptId = Long.parseLong(Optional.ofNullable(form.getFirst("attempt")).orElse(""));
        } catch (NumberFormatException e) {
            throw activities.notFound("learning.missing.attempt");
        }
        Attempt attempt = activities.ownAttempt(attemptId);
        if (attempt.kind() != ActivityKind.ASSESSMENT || !attempt.activityId().equals(instrumentId) || attempt.phase().isEmpty()) {
            throw activities.notFound("assessment.notThis");
        }
        Instrument instrument = instrument(activities.pinned(attempt), instrumentId);
        Phase phase = attempt.phase().get();
        return new Target(attempt, instrument, phase, AttemptStates.assessment(instrument, phase, attempt.state()));
    }

    private Response apply(String instrumentId, MultivaluedMap<String, String> form, boolean submit) {
        Target target = target(instrumentId, form);
        if (target.attempt.completed()) {
            return activities.problem(409, "assessment.submitted");
        }
        AssessmentResponse updated;
        try {
            updated = fill(target.response, form);
        } catch (InvalidAnswer e) {
            return form(target.instrument, target.response, target.attempt, null, pages.text("assessment.invalid", e.getMessage()), 400);
        }
        try {
            if (submit && updated.complete()) {
                attempts.complete(target.attempt, AttemptStates.of(updated), 1.0);
            } else {
                target.attempt.progress(AttemptStates.of(updated), attempts.now());
            }
            attempts.flush();
        } catch (OptimisticLockException e) {
            return activities.problem(409, "assessment.window");
        }
        if (submit && !updated.complete()) {
            return form(target.instrument, updated, target.attempt, pages.text("assessment.saved"),
                    pages.text("assessment.missing", updated.missing().size()), 400);
        }
        String next = path(instrumentId, target.phase) + (submit ? "" : "&saved=1");
        return Response.seeOther(URI.create(context.link(next))).build();
    }

    /** Applies every answer field of the form; any invalid value refuses the whole form. */
    private AssessmentResponse fill(AssessmentResponse response, MultivaluedMap<String, String> form) {
        AssessmentResponse r = response;
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            String name = field.getKey();
            String value = field.getValue().isEmpty() ? "" : field.getValue().get(0);
            if (name.startsWith("item:")) {
                r = r.answer(name.substring(5), number(value, name));
            } else if (name.startsWith("then:")) {
                r = r.answerThen(name.substring(5), number(value, name));
            } else if (name.equals("outlook")) {
                r = r.chooseOutlook(number(value, name));
            } else if (name.equals("free_text") && !(value.isBlank() && r.freeText().isEmpty())) {
                r = r.writeFreeText(value);
            }
        }
        return r;
    }

    private static int number(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAnswer("'" + value + "' is not a valid answer for " + field + ".");
        }
    }

    private Phase phase(String token, String instrumentId, String phaseParam) {
        context.require(token);
        // the page's own phase (the activity list links both) wins over the phase of the link launched from
        Optional<Phase> phase = Phase.fromParameter(phaseParam)
                .or(() -> context.customValue("tandem_phase").flatMap(Phase::fromParameter));
        return phase.orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(activities.problem(400, "assessment.phase")));
    }

    private static String path(String instrumentId, Phase phase) {
        return "/learn/assessment/" + instrumentId + "?phase=" + phase.name().toLowerCase();
    }

    /** The learner's attempt for this phase; a new post attempt uses the pre attempt's instrument version. */
    private Attempt attempt(String instrumentId, Phase phase, LearnerProfile profile) {
        Optional<Attempt> existing = attempts.latest(context.learner(), ActivityKind.ASSESSMENT, instrumentId, Optional.of(phase));
        if (existing.isPresent()) {
            return existing.get();
        }
        ContentPack pack = activities.latestPack();
        if (phase == Phase.POST) {
            Optional<Attempt> pre = attempts.latest(context.learner(), ActivityKind.ASSESSMENT, instrumentId, Optional.of(Phase.PRE));
            if (pre.isPresent()) {
                pack = activities.pinned(pre.get());
            }
        }
        instrument(pack, instrumentId);
        return attempts.start(new Attempt(context.learner(), profile.group().orElse(null), ActivityKind.ASSESSMENT, instrumentId,
                phase, pack.id(), pack.version(), null, AttemptStates.empty(), attempts.now()));
    }

    private Instrument instrument(ContentPack pack, String instrumentId) {
        return pack.instrument(instrumentId).orElseThrow(() -> activities.notFound("assessment.none", instrumentId));
    }

    private Response submitted(Instrument instrument, Phase phase, Attempt attempt) {
        return pages.page(200, "learning/boundary/assessmentDone.jte", new Submitted(context.displayName(), instrument.title(), phase,
                attempt.completedAt().map(WHEN::format).orElse(""), context.link("/learn/activities")));
    }

    private Response form(Instrument instrument, AssessmentResponse response, Attempt attempt, String notice, String error, int status) {
        List<String> missing = error == null ? List.of() : response.missing();
        List<Part> parts = new ArrayList<>();
        for (Subscale subscale : instrument.subscales()) {
            parts.add(new Part(subscale.title(), subscale.items().stream().map(item -> likert("item:" + item.id(), item.text(),
                    instrument, response.answers().get(item.id()), missing.contains(item.id()))).toList()));
        }
        Optional<Part> then = response.asksThen() ? Optional.of(new Part(pages.text("assessment.then"), instrument.items().stream()
                .map(item -> likert("then:" + item.id(), item.text(), instrument, response.thenAnswers().get(item.id()),
                        missing.contains("then:" + item.id()))).toList())) : Optional.empty();
        Optional<Question> outlook = Optional.ofNullable(instrument.outlook()).map(o -> {
            List<Option> options = new ArrayList<>();
            for (int i = 0; i < o.options().size(); i++) {
                options.add(new Option(i, o.options().get(i), response.outlook().isPresent() && response.outlook().getAsInt() == i));
            }
            return new Question("outlook", o.text(), false, options);
        });
        Optional<FreeText> freeText = Optional.ofNullable(instrument.freeTextPrompt())
                .map(prompt -> new FreeText(prompt, response.freeText().orElse("")));
        return pages.page(status, "learning/boundary/assessment.jte", new AssessmentForm(context.displayName(), context.token(),
                instrument.id(), instrument.title(), response.phase(), Optional.ofNullable(error), Optional.ofNullable(notice),
                markdown.html(instrument.instructions()), attempt.id(), parts, then, outlook, freeText));
    }

    private static Question likert(String name, String text, Instrument instrument, Integer current, boolean missing) {
        List<Option> options = new ArrayList<>();
        for (int v = instrument.scale().min(); v <= instrument.scale().max(); v++) {
            options.add(new Option(v, instrument.scale().labels().get(v - instrument.scale().min()), current != null && current == v));
        }
        return new Question(name, text, missing, options);
    }
}
