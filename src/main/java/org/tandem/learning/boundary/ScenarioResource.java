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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.catalogue.control.MarkdownRenderer;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Measure;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Scene;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.CompletedPath;
import org.tandem.learning.control.Debrief;
import org.tandem.learning.control.InvalidChoice;
import org.tandem.learning.control.ScenarioPlay;
import org.tandem.learning.control.SeatAssignment;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.TandemPage;

/** A role-swap scenario: scenes, choices, visible measures, an ending and the debrief. */
@Path("learn/scenario/{scenarioId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ScenarioResource {

    @Inject
    LearnerContext context;

    @Inject
    Activities activities;

    @Inject
    Attempts attempts;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    @ConfigProperty(name = "tandem.learning.minimum-group-size", defaultValue = "8")
    int minimumGroupSize;

    @GET
    @Transactional
    public Response show(@PathParam("scenarioId") String scenarioId, @QueryParam(LearnerContext.TOKEN) String token) {
        LearnerProfile profile = activities.profile(token, "/learn/scenario/" + scenarioId);
        Attempt attempt = attempts.latest(context.learner(), ActivityKind.SCENARIO, scenarioId, Optional.empty())
                .orElseGet(() -> start(scenarioId, profile));
        Scenario scenario = scenario(activities.pinned(attempt), scenarioId);
        ScenarioPlay play = AttemptStates.scenario(scenario, attempt.state());
        return play.ended() ? ending(scenario, play, attempt, profile) : scene(scenario, play, attempt, profile, null, 200);
    }

    @POST
    @Path("choose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response choose(@PathParam("scenarioId") String scenarioId, @FormParam(LearnerContext.TOKEN) String token,
                           @FormParam("attempt") long attemptId, @FormParam("step") int step, @FormParam("choice") String choiceId) {
        LearnerProfile profile = activities.profile(token, "/learn/scenario/" + scenarioId);
        Attempt attempt = activities.ownAttempt(attemptId);
        if (attempt.kind() != ActivityKind.SCENARIO || !attempt.activityId().equals(scenarioId)) {
            throw activities.notFound("That attempt is not an attempt at this scenario.");
        }
        if (attempt.completed()) {
            return activities.problem(409, "Already finished", "You have reached an ending of this scenario; nothing was changed.");
        }
        Scenario scenario = scenario(activities.pinned(attempt), scenarioId);
        ScenarioPlay play = AttemptStates.scenario(scenario, attempt.state());
        if (step != play.path().size()) {
            return activities.problem(409, "This page was out of date",
                    "The scenario had already moved on (perhaps the choice was sent twice). Nothing was changed.");
        }
        try {
            ScenarioPlay next = play.choose(choiceId == null ? "" : choiceId);
            if (next.ended()) {
                attempts.complete(attempt, AttemptStates.of(next), next.score().orElse(0));
            } else {
                attempt.progress(AttemptStates.of(next), attempts.now());
            }
            attempts.flush();
        } catch (InvalidChoice e) {
            return scene(scenario, play, attempt, profile, "That choice is not offered in this scene. Nothing was changed.", 400);
        } catch (OptimisticLockException e) {
            return activities.problem(409, "This page was out of date", "The scenario changed in another window. Nothing was changed.");
        }
        return Response.seeOther(URI.create(context.link("/learn/scenario/" + scenarioId))).build();
    }

    @POST
    @Path("restart")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response restart(@PathParam("scenarioId") String scenarioId, @FormParam(LearnerContext.TOKEN) String token) {
        return activities.restart(ActivityKind.SCENARIO, scenarioId, token, profile -> start(scenarioId, profile));
    }

    private Attempt start(String scenarioId, LearnerProfile profile) {
        ContentPack pack = activities.latestPack();
        Scenario scenario = scenario(pack, scenarioId);
        return attempts.start(new Attempt(context.learner(), profile.group().orElse(null), ActivityKind.SCENARIO, scenarioId, null,
                pack.id(), pack.version(), scenario.seat(), AttemptStates.empty(), attempts.now()));
    }

    private Scenario scenario(ContentPack pack, String scenarioId) {
        return pack.scenario(scenarioId).orElseThrow(() -> activities.notFound("There is no scenario '" + scenarioId + "'."));
    }

    private String seatBanner(Scenario scenario, LearnerProfile profile) {
        Seat yours = SeatAssignment.swapped(profile.group().orElse(ProfessionalGroup.OTHER), scenario.seat())
                .overriddenBy(context.customValue("tandem_seat").map(s -> s.toUpperCase(Locale.ROOT))
                        .filter(s -> s.equals("CLINICIAN") || s.equals("MANAGER")).map(Seat::valueOf).orElse(null)).seat();
        String seat = scenario.seat() == Seat.CLINICIAN ? "the clinician" : "the manager";
        ProfessionalGroup group = profile.group().orElse(ProfessionalGroup.OTHER);
        String note = group == ProfessionalGroup.OTHER ? "see how this role weighs the situation."
                : yours == scenario.seat() ? "a role swap for you: see the situation from the other side."
                : "your own side of the table; the role-swap scenarios put you in the other seat.";
        return "<p class=\"notice\" id=\"seat\">You are playing <strong>" + seat + "</strong> – " + TandemPage.text(note) + "</p>";
    }

    private String measures(Scenario scenario, Map<String, Integer> values) {
        StringBuilder out = new StringBuilder("<h2 class=\"visually-hidden\">Measures</h2><ul class=\"measures\" aria-label=\"Measures\">");
        for (Measure m : scenario.measures()) {
            int value = values.getOrDefault(m.id(), m.initial());
            out.append("<li><span id=\"measure-").append(TandemPage.attr(m.id())).append("\">").append(TandemPage.text(m.label()))
                    .append(": <strong>").append(value).append("</strong></span><meter min=\"").append(m.min()).append("\" max=\"")
                    .append(m.max()).append("\" value=\"").append(value).append("\" aria-labelledby=\"measure-")
                    .append(TandemPage.attr(m.id())).append("\"></meter></li>");
        }
        return out.append("</ul>").toString();
    }

    private Response scene(Scenario scenario, ScenarioPlay play, Attempt attempt, LearnerProfile profile, String error, int status) {
        Scene scene = play.currentScene().orElseThrow();
        TandemPage page = TandemPage.titled(scenario.title()).person(context.displayName())
                .html("<p class=\"progress\">" + TandemPage.text(scenario.title()) + " · decision " + (play.path().size() + 1) + "</p>")
                .heading(scene.title())
                .html(play.path().isEmpty() ? seatBanner(scenario, profile) : "");
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\">" + TandemPage.text(error) + "</div>");
        }
        play.lastChoice().filter(c -> c.feedback() != null)
                .ifPresent(c -> page.html("<div class=\"notice\" role=\"status\">" + markdown.html(c.feedback()).markup() + "</div>"));
        page.html(measures(scenario, play.measures()))
                .html("<div class=\"narrative\">" + markdown.html(scene.narrative()).markup() + "</div>");
        StringBuilder choices = new StringBuilder("<h2>What do you do?</h2><ul class=\"choices\">");
        for (Choice c : scene.choices()) {
            choices.append("<li><form method=\"post\" action=\"/learn/scenario/").append(TandemPage.attr(scenario.id())).append("/choose\">")
                    .append(context.tokenField())
                    .append("<input type=\"hidden\" name=\"attempt\" value=\"").append(attempt.id()).append("\">")
                    .append("<input type=\"hidden\" name=\"step\" value=\"").append(play.path().size()).append("\">")
                    .append("<input type=\"hidden\" name=\"choice\" value=\"").append(TandemPage.attr(c.id())).append("\">")
                    .append("<button type=\"submit\" id=\"choice-").append(TandemPage.attr(c.id())).append("\">")
                    .append(TandemPage.text(c.text())).append("</button></form></li>");
        }
        return page.html(choices.append("</ul>").toString()).response(status);
    }

    private Response ending(Scenario scenario, ScenarioPlay play, Attempt attempt, LearnerProfile profile) {
        Ending ending = play.ending().orElseThrow();
        long score = Math.round(attempt.score().orElse(0) * 100);
        TandemPage page = TandemPage.titled(scenario.title()).person(context.displayName())
                .html("<p class=\"progress\">" + TandemPage.text(scenario.title()) + " · ending</p>")
                .heading(ending.title())
                .html(measures(scenario, play.measures()))
                .html("<div class=\"narrative\" id=\"ending\" data-ending=\"" + TandemPage.attr(ending.id()) + "\">"
                        + markdown.html(ending.narrative()).markup() + "</div>")
                .html("<h2>Debrief</h2>" + markdown.html(ending.debrief()).markup())
                .html("<p id=\"result\">Your decisions scored <strong>" + score + "%</strong> of the best possible path.</p>")
                .html(otherGroup(scenario, play, profile, attempt.packVersion()));
        return page.html("<form method=\"post\" action=\"/learn/scenario/" + TandemPage.attr(scenario.id()) + "/restart\">"
                        + context.tokenField() + "<p><button type=\"submit\" class=\"secondary\">Play again</button> "
                        + "<a href=\"" + TandemPage.attr(context.link("/learn/activities")) + "\">All activities</a></p></form>")
                .response(200);
    }

    /** How learners of the other professional group chose: aggregated, and only above the minimum group size. */
    private String otherGroup(Scenario scenario, ScenarioPlay play, LearnerProfile profile, int packVersion) {
        ProfessionalGroup own = profile.group().orElse(ProfessionalGroup.OTHER);
        if (own == ProfessionalGroup.OTHER) {
            return "<h2>How the other group chose</h2><p>This comparison is shown to managers and clinicians.</p>";
        }
        ProfessionalGroup other = own == ProfessionalGroup.MANAGER ? ProfessionalGroup.CLINICIAN : ProfessionalGroup.MANAGER;
        String otherName = other == ProfessionalGroup.MANAGER ? "managers" : "clinicians";
        List<CompletedPath> paths = attempts.completedScenarioAttempts(context.learner(), scenario.id(), other).stream()
                // paths through the same version of the scenario only: scenes of another version may differ
                .filter(a -> a.packVersion() == packVersion)
                .map(a -> {
                    ScenarioPlay p = AttemptStates.scenario(scenario, a.state());
                    return new CompletedPath(p.path(), p.ending().map(Ending::id).orElse(""));
                }).toList();
        Debrief debrief = Debrief.of(scenario, play.path(), paths, minimumGroupSize);
        StringBuilder out = new StringBuilder("<h2>How " + otherName + " chose</h2>");
        if (debrief instanceof Debrief.Suppressed s) {
            return out.append("<p id=\"other-group\">Not enough ").append(otherName).append(" have finished this scenario yet to show how ")
                    .append("they chose without singling anyone out (").append(s.moreNeeded()).append(" more needed). ")
                    .append("Come back later.</p>").toString();
        }
        Debrief.Shown shown = (Debrief.Shown) debrief;
        out.append("<p id=\"other-group\">").append(shown.groupSize()).append(" ").append(otherName)
                .append(" have finished this scenario. At the scenes you went through, they chose:</p>");
        for (Debrief.SceneChoices sc : shown.scenes()) {
            Scene scene = scenario.scene(sc.sceneId()).orElseThrow();
            out.append("<h3>").append(TandemPage.text(scene.title())).append("</h3>");
            if (sc.tooFewReached()) {
                out.append("<p>Too few of them reached this scene to show their choices.</p>");
                continue;
            }
            out.append("<ul>");
            for (Debrief.Share share : sc.choices()) {
                String text = scene.choice(share.id()).map(Choice::text).orElse(share.id());
                out.append("<li>").append(TandemPage.text(text)).append(": <strong>").append(share.percent()).append("%</strong>")
                        .append(share.id().equals(sc.learnerChoiceId()) ? " (your choice)" : "").append("</li>");
            }
            out.append("</ul>");
        }
        out.append("<h3>Their endings</h3><ul>");
        for (Debrief.Share share : shown.endings()) {
            out.append("<li>").append(TandemPage.text(scenario.ending(share.id()).map(Ending::title).orElse(share.id())))
                    .append(": <strong>").append(share.percent()).append("%</strong></li>");
        }
        return out.append("</ul>").toString();
    }
}
