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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.control.MarkdownRenderer;
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
import org.tandem.platform.boundary.TandemPage;

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
        return form(instrument, response, attempt, saved != null ? "Your answers are saved." : null, null, 200);
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
            return Response.status(409).entity("This assessment is already submitted; nothing was changed.").build();
        }
        try {
            AssessmentResponse updated = fill(target.response, form);
            target.attempt.progress(AttemptStates.of(updated), attempts.now());
            attempts.flush();
            return Response.noContent().build();
        } catch (InvalidAnswer e) {
            return Response.status(400).entity(e.getMessage()).build();
        } catch (OptimisticLockException e) {
            return Response.status(409).entity("Saved in another window at the same time; please reload.").build();
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
            throw activities.notFound("There is no such attempt of yours.");
        }
        Attempt attempt = activities.ownAttempt(attemptId);
        if (attempt.kind() != ActivityKind.ASSESSMENT || !attempt.activityId().equals(instrumentId) || attempt.phase().isEmpty()) {
            throw activities.notFound("That attempt is not an attempt at this assessment.");
        }
        Instrument instrument = instrument(activities.pinned(attempt), instrumentId);
        Phase phase = attempt.phase().get();
        return new Target(attempt, instrument, phase, AttemptStates.assessment(instrument, phase, attempt.state()));
    }

    private Response apply(String instrumentId, MultivaluedMap<String, String> form, boolean submit) {
        Target target = target(instrumentId, form);
        if (target.attempt.completed()) {
            return activities.problem(409, "Already submitted", "You submitted this assessment already; nothing was changed.");
        }
        AssessmentResponse updated;
        try {
            updated = fill(target.response, form);
        } catch (InvalidAnswer e) {
            return form(target.instrument, target.response, target.attempt, null, e.getMessage() + " Nothing was saved.", 400);
        }
        try {
            if (submit && updated.complete()) {
                attempts.complete(target.attempt, AttemptStates.of(updated), 1.0);
            } else {
                target.attempt.progress(AttemptStates.of(updated), attempts.now());
            }
            attempts.flush();
        } catch (OptimisticLockException e) {
            return activities.problem(409, "This page was out of date", "The assessment changed in another window. Nothing was changed.");
        }
        if (submit && !updated.complete()) {
            return form(target.instrument, updated, target.attempt, "Your answers are saved.",
                    "Please answer every question before you submit: " + updated.missing().size() + " still to answer.", 400);
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
        return phase.orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(activities.problem(400, "Which assessment?",
                "This link does not say whether this is the assessment before or after the programme. "
                        + "Ask your trainer to set the custom parameter tandem_phase=pre or tandem_phase=post on it.")));
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
        return pack.instrument(instrumentId).orElseThrow(() -> activities.notFound("There is no assessment '" + instrumentId + "'."));
    }

    private Response submitted(Instrument instrument, Phase phase, Attempt attempt) {
        return TandemPage.titled(instrument.title()).person(context.displayName())
                .heading(instrument.title())
                .html("<div class=\"notice\" role=\"status\" id=\"result\"><p>Thank you. You submitted the "
                        + (phase == Phase.PRE ? "before-the-programme" : "after-the-programme") + " assessment on "
                        + TandemPage.text(attempt.completedAt().map(WHEN::format).orElse("")) + ".</p>"
                        + "<p>Your course records it as complete. Your individual answers are not shown to your trainer.</p></div>")
                .html("<p><a href=\"" + TandemPage.attr(context.link("/learn/activities")) + "\">All activities</a></p>")
                .response(200);
    }

    private Response form(Instrument instrument, AssessmentResponse response, Attempt attempt, String notice, String error, int status) {
        Phase phase = response.phase();
        TandemPage page = TandemPage.titled(instrument.title()).person(context.displayName())
                .html("<p class=\"progress\">" + (phase == Phase.PRE ? "Before the programme" : "After the programme") + "</p>")
                .heading(instrument.title());
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\" id=\"form-error\">" + TandemPage.text(error) + "</div>");
        }
        if (notice != null) {
            page.html("<div class=\"notice\" role=\"status\">" + TandemPage.text(notice) + "</div>");
        }
        if (instrument.instructions() != null) {
            page.html(markdown.html(instrument.instructions()).markup());
        }
        String base = "/learn/assessment/" + TandemPage.attr(instrument.id());
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + base + "/save\" id=\"assessment\" data-autosave=\""
                + base + "/answer\">").append(context.tokenField())
                .append("<input type=\"hidden\" name=\"attempt\" value=\"").append(attempt.id()).append("\">");
        List<String> missing = error == null ? List.of() : response.missing();
        for (Subscale subscale : instrument.subscales()) {
            form.append("<h2>").append(TandemPage.text(subscale.title())).append("</h2>");
            for (Item item : subscale.items()) {
                form.append(likert("item:" + item.id(), item.text(), instrument, response.answers().get(item.id()),
                        missing.contains(item.id())));
            }
        }
        if (response.asksThen()) {
            form.append("<h2>Looking back</h2><p>How would you have answered each statement <em>before</em> the programme?</p>");
            for (Item item : instrument.items()) {
                form.append(likert("then:" + item.id(), item.text(), instrument, response.thenAnswers().get(item.id()),
                        missing.contains("then:" + item.id())));
            }
        }
        if (instrument.outlook() != null) {
            form.append("<h2>Looking ahead</h2><fieldset class=\"likert\"><legend><span class=\"item-text\">")
                    .append(TandemPage.text(instrument.outlook().text())).append("</span></legend><div class=\"options\">");
            for (int i = 0; i < instrument.outlook().options().size(); i++) {
                boolean checked = response.outlook().isPresent() && response.outlook().getAsInt() == i;
                form.append("<label><input type=\"radio\" name=\"outlook\" value=\"").append(i).append("\"")
                        .append(checked ? " checked" : "").append("> ").append(TandemPage.text(instrument.outlook().options().get(i)))
                        .append("</label>");
            }
            form.append("</div></fieldset>");
        }
        if (instrument.freeTextPrompt() != null) {
            form.append("<label for=\"free_text\">").append(TandemPage.text(instrument.freeTextPrompt()))
                    .append(" <span class=\"muted\">(optional)</span></label><textarea id=\"free_text\" name=\"free_text\" maxlength=\"4000\">")
                    .append(TandemPage.text(response.freeText().orElse(""))).append("</textarea>");
        }
        form.append("<p id=\"autosave-status\" class=\"saved\" role=\"status\" aria-live=\"polite\"></p>")
                .append("<p><button type=\"submit\" class=\"secondary\">Save answers</button> ")
                .append("<button type=\"submit\" formaction=\"").append(base).append("/submit\" id=\"submit\">Submit</button></p>")
                .append("<p class=\"muted\">You can submit once. Until then you can change any answer and come back later.</p></form>");
        return page.html(form.toString()).script("/assets/assessment.js").response(status);
    }

    private static String likert(String name, String text, Instrument instrument, Integer current, boolean missing) {
        StringBuilder out = new StringBuilder("<fieldset class=\"likert\"").append(missing ? " aria-invalid=\"true\"" : "")
                .append("><legend><span class=\"item-text\">").append(TandemPage.text(text)).append("</span>")
                .append(missing ? " <span class=\"incorrect\">(please answer)</span>" : "").append("</legend><div class=\"options\">");
        for (int v = instrument.scale().min(); v <= instrument.scale().max(); v++) {
            String label = instrument.scale().labels().get(v - instrument.scale().min());
            out.append("<label><input type=\"radio\" name=\"").append(TandemPage.attr(name)).append("\" value=\"").append(v).append("\"")
                    .append(current != null && current == v ? " checked" : "").append("> ").append(TandemPage.text(label)).append("</label>");
        }
        return out.append("</div></fieldset>").toString();
    }
}
