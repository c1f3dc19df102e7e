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
import java.util.List;
import java.util.Optional;
import org.tandem.catalogue.control.MarkdownRenderer;
import org.tandem.catalogue.control.SafeHtml;
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
import org.tandem.platform.boundary.Pages;

/** A joint module: one section at a time, both professional views side by side, resumable. */
@Path("learn/module/{moduleId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ModuleResource {

    /**
     * The view of learning/boundary/module.jte: one section, both professional views, and what the
     * learner does next (answer the check, read its feedback, reflect, or continue).
     */
    public record SectionView(String person, Form form, String moduleTitle, int number, int sections, String title,
                              Optional<String> error, Optional<SafeHtml> intro, SafeHtml managerView, SafeHtml clinicianView,
                              Optional<Check> check, Optional<Feedback> feedback, Optional<Reflection> reflection, boolean last) {
    }

    /** What every form of the section carries: the launch token, the attempt and the section it was drawn for. */
    public record Form(String token, String moduleId, long attempt, int step) {
    }

    public record Check(String question, List<String> options) {
    }

    public record Feedback(boolean correct, String chosen, Optional<String> answer, SafeHtml explanation) {
    }

    public record Reflection(String prompt, String text) {
    }

    /** The view of learning/boundary/moduleDone.jte: the score and each knowledge check's result. */
    public record Summary(String person, String token, String moduleId, String title, long score, List<CheckResult> checks,
                          String activities) {
    }

    public record CheckResult(String question, boolean correct) {
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
            throw activities.notFound("module.notThis");
        }
        if (attempt.completed()) {
            return activities.problem(409, "module.completed");
        }
        Module module = module(activities.pinned(attempt), moduleId);
        ModuleProgress progress = AttemptStates.module(module, attempt.state());
        if (step != progress.sectionIndex()) {
            return activities.problem(409, "module.moved");
        }
        Section current = progress.currentSection().orElseThrow();
        try {
            ModuleProgress next = switch (action == null ? "" : action) {
                case "answer" -> {
                    if (option == null) {
                        throw new InvalidAnswer(pages.text("module.choose"));
                    }
                    yield progress.answer(current.id(), option);
                }
                case "reflect" -> progress.reflect(current.id(), reflection == null ? "" : reflection).advance();
                case "next" -> progress.advance();
                default -> throw new InvalidAnswer(pages.text("module.action", action));
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
            return activities.problem(409, "module.window");
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
        return pack.module(moduleId).orElseThrow(() -> activities.notFound("module.none", moduleId));
    }

    private Response section(Module module, ModuleProgress progress, Attempt attempt, String error, int status) {
        Section s = progress.currentSection().orElseThrow();
        int index = progress.sectionIndex();
        KnowledgeCheck check = s.check();
        Optional<CheckFeedback> feedback = check == null ? Optional.empty() : progress.feedback(s.id());
        Optional<Check> ask = check != null && feedback.isEmpty()
                ? Optional.of(new Check(check.question(), check.options())) : Optional.empty();
        Optional<Feedback> answered = feedback.map(f -> new Feedback(f.correct(), check.options().get(f.chosen()),
                f.correct() ? Optional.empty() : Optional.of(check.options().get(f.correctOption())), markdown.html(check.explanation())));
        Optional<Reflection> reflection = check == null && s.reflection() != null
                ? Optional.of(new Reflection(s.reflection(), progress.reflections().getOrDefault(s.id(), ""))) : Optional.empty();
        return pages.page(status, "learning/boundary/module.jte", new SectionView(context.displayName(),
                new Form(context.token(), module.id(), attempt.id(), index), module.title(), index + 1, module.sections().size(),
                s.title(), Optional.ofNullable(error), Optional.ofNullable(s.intro()).map(markdown::html),
                markdown.html(s.managerView()), markdown.html(s.clinicianView()), ask, answered, reflection,
                index + 1 == module.sections().size()));
    }

    private Response summary(Module module, ModuleProgress progress, Attempt attempt) {
        List<CheckResult> checks = progress.feedback().stream().map(f -> new CheckResult(module.sections().stream()
                .filter(x -> x.id().equals(f.sectionId())).findFirst().orElseThrow().check().question(), f.correct())).toList();
        return pages.page(200, "learning/boundary/moduleDone.jte", new Summary(context.displayName(), context.token(), module.id(),
                module.title(), Math.round(attempt.score().orElse(0) * 100), checks, context.link("/learn/activities")));
    }
}
