package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.tandem.catalogue.control.MarkdownRenderer;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.KnowledgeCheck;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Section;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.CheckFeedback;
import org.tandem.learning.control.InvalidAnswer;
import org.tandem.learning.control.ModuleProgress;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.platform.boundary.TandemPage;

/** A joint module: one section at a time, both professional views side by side, resumable. */
@Path("learn/module/{moduleId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ModuleResource {

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
    public Response show(@PathParam("moduleId") String moduleId, @QueryParam(LearnerContext.TOKEN) String token) {
        LearnerProfile profile = activities.profile(token, "/learn/module/" + moduleId);
        Attempt attempt = attempts.latest(context.learner(), ActivityKind.MODULE, moduleId, Optional.empty())
                .orElseGet(() -> start(moduleId, profile));
        Module module = module(activities.pinned(attempt), moduleId);
        ModuleProgress progress = AttemptStates.module(module, attempt.state());
        return attempt.completed() ? summary(module, progress, attempt) : section(module, progress, attempt, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response act(@PathParam("moduleId") String moduleId, @FormParam(LearnerContext.TOKEN) String token,
                        @FormParam("attempt") long attemptId, @FormParam("step") int step, @FormParam("action") String action,
                        @FormParam("option") Integer option, @FormParam("reflection") String reflection) {
        activities.profile(token, "/learn/module/" + moduleId);
        Attempt attempt = activities.ownAttempt(attemptId);
        if (attempt.kind() != ActivityKind.MODULE || !attempt.activityId().equals(moduleId)) {
            throw activities.notFound("That attempt is not an attempt at this module.");
        }
        if (attempt.completed()) {
            return activities.problem(409, "Already completed", "You have completed this module; nothing was changed.");
        }
        Module module = module(activities.pinned(attempt), moduleId);
        ModuleProgress progress = AttemptStates.module(module, attempt.state());
        if (step != progress.sectionIndex()) {
            return activities.problem(409, "This page was out of date",
                    "The module had already moved on (perhaps the form was sent twice). Nothing was changed.");
        }
        Section current = progress.currentSection().orElseThrow();
        try {
            ModuleProgress next = switch (action == null ? "" : action) {
                case "answer" -> {
                    if (option == null) {
                        throw new InvalidAnswer("Choose an answer before checking it.");
                    }
                    yield progress.answer(current.id(), option);
                }
                case "reflect" -> progress.reflect(current.id(), reflection == null ? "" : reflection).advance();
                case "next" -> progress.advance();
                default -> throw new InvalidAnswer("Unknown action '" + action + "'.");
            };
            if (next.completed()) {
                attempts.complete(attempt, AttemptStates.of(next), next.score());
            } else {
                attempt.progress(AttemptStates.of(next), attempts.now());
            }
            attempts.flush();
        } catch (InvalidAnswer e) {
            return section(module, progress, attempt, e.getMessage(), 400);
        } catch (OptimisticLockException e) {
            return activities.problem(409, "This page was out of date", "The module changed in another window. Nothing was changed.");
        }
        return Response.seeOther(URI.create(context.link("/learn/module/" + moduleId))).build();
    }

    @POST
    @Path("restart")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response restart(@PathParam("moduleId") String moduleId, @FormParam(LearnerContext.TOKEN) String token) {
        return activities.restart(ActivityKind.MODULE, moduleId, token, profile -> start(moduleId, profile));
    }

    private Attempt start(String moduleId, LearnerProfile profile) {
        ContentPack pack = activities.latestPack();
        module(pack, moduleId);
        return attempts.start(new Attempt(context.learner(), profile.group().orElse(null), ActivityKind.MODULE, moduleId, null,
                pack.id(), pack.version(), null, AttemptStates.empty(), attempts.now()));
    }

    private Module module(ContentPack pack, String moduleId) {
        return pack.module(moduleId).orElseThrow(() -> activities.notFound("There is no module '" + moduleId + "'."));
    }

    private Response section(Module module, ModuleProgress progress, Attempt attempt, String error, int status) {
        Section s = progress.currentSection().orElseThrow();
        int index = progress.sectionIndex();
        TandemPage page = TandemPage.titled(module.title()).person(context.displayName())
                .html("<p class=\"progress\">" + TandemPage.text(module.title()) + " · section " + (index + 1) + " of "
                        + module.sections().size() + "</p>")
                .heading(s.title());
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\">" + TandemPage.text(error) + "</div>");
        }
        if (s.intro() != null) {
            page.html("<div class=\"intro\">" + markdown.html(s.intro()).markup() + "</div>");
        }
        page.html("<div class=\"views\"><section class=\"view manager\" aria-labelledby=\"manager-view\">"
                + "<h2 id=\"manager-view\" class=\"h3\">The manager's view</h2>" + markdown.html(s.managerView()).markup() + "</section>"
                + "<section class=\"view clinician\" aria-labelledby=\"clinician-view\">"
                + "<h2 id=\"clinician-view\" class=\"h3\">The clinician's view</h2>" + markdown.html(s.clinicianView()).markup()
                + "</section></div>");
        String form = "<form method=\"post\" action=\"/learn/module/" + TandemPage.attr(module.id()) + "\">" + context.tokenField()
                + "<input type=\"hidden\" name=\"attempt\" value=\"" + attempt.id() + "\">"
                + "<input type=\"hidden\" name=\"step\" value=\"" + index + "\">";
        KnowledgeCheck check = s.check();
        Optional<CheckFeedback> feedback = progress.feedback(s.id());
        if (check != null && feedback.isEmpty()) {
            StringBuilder options = new StringBuilder();
            for (int i = 0; i < check.options().size(); i++) {
                options.append("<label><input type=\"radio\" name=\"option\" required value=\"").append(i).append("\"> ")
                        .append(TandemPage.text(check.options().get(i))).append("</label>");
            }
            page.html(form + "<fieldset><legend>Check your understanding: " + TandemPage.text(check.question())
                    + "</legend><div class=\"options stacked\">" + options + "</div></fieldset>"
                    + "<input type=\"hidden\" name=\"action\" value=\"answer\"><p><button type=\"submit\">Check my answer</button></p></form>");
        } else if (check != null) {
            CheckFeedback f = feedback.get();
            page.html("<div class=\"notice\" role=\"status\" id=\"feedback\"><p class=\"" + (f.correct() ? "correct\">Correct." : "incorrect\">Not quite.")
                    + "</p><p>You chose: " + TandemPage.text(check.options().get(f.chosen())) + "</p>"
                    + (f.correct() ? "" : "<p>The answer: " + TandemPage.text(check.options().get(f.correctOption())) + "</p>")
                    + (check.explanation() == null ? "" : markdown.html(check.explanation()).markup()) + "</div>"
                    + form + "<input type=\"hidden\" name=\"action\" value=\"next\"><p><button type=\"submit\">"
                    + (index + 1 == module.sections().size() ? "Finish the module" : "Continue") + "</button></p></form>");
        } else if (s.reflection() != null) {
            page.html(form + "<label for=\"reflection\">Reflection: " + TandemPage.text(s.reflection()) + "</label>"
                    + "<p class=\"muted\" id=\"reflection-hint\">Only you see this. It is optional.</p>"
                    + "<textarea id=\"reflection\" name=\"reflection\" maxlength=\"4000\" aria-describedby=\"reflection-hint\">"
                    + TandemPage.text(progress.reflections().getOrDefault(s.id(), "")) + "</textarea>"
                    + "<input type=\"hidden\" name=\"action\" value=\"reflect\"><p><button type=\"submit\">Save and continue</button></p></form>");
        } else {
            page.html(form + "<input type=\"hidden\" name=\"action\" value=\"next\"><p><button type=\"submit\">Continue</button></p></form>");
        }
        return page.response(status);
    }

    private Response summary(Module module, ModuleProgress progress, Attempt attempt) {
        StringBuilder checks = new StringBuilder("<ul>");
        for (CheckFeedback f : progress.feedback()) {
            Section s = module.sections().stream().filter(x -> x.id().equals(f.sectionId())).findFirst().orElseThrow();
            checks.append("<li>").append(TandemPage.text(s.check().question())).append(" – <span class=\"")
                    .append(f.correct() ? "correct\">correct" : "incorrect\">not correct").append("</span></li>");
        }
        checks.append("</ul>");
        long score = Math.round(attempt.score().orElse(0) * 100);
        return TandemPage.titled(module.title()).person(context.displayName())
                .heading(module.title())
                .html("<div class=\"notice\" role=\"status\"><p id=\"result\">You have completed this module. "
                        + "Knowledge checks: <strong>" + score + "%</strong> correct.</p></div>")
                .html(progress.feedback().isEmpty() ? "" : "<h2>Your knowledge checks</h2>" + checks)
                .html("<form method=\"post\" action=\"/learn/module/" + TandemPage.attr(module.id()) + "/restart\">" + context.tokenField()
                        + "<p><button type=\"submit\" class=\"secondary\">Start the module again</button> "
                        + "<a href=\"" + TandemPage.attr(context.link("/learn/activities")) + "\">All activities</a></p></form>")
                .response(200);
    }
}
