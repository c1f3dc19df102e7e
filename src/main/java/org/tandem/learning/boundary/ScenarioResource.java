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
import org.tandem.catalogue.control.SafeHtml;
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
import org.tandem.platform.boundary.Pages;

/** A role-swap scenario: scenes, choices, visible measures, an ending and the debrief. */
@Path("learn/scenario/{scenarioId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ScenarioResource {

    /** The view of learning/boundary/scene.jte: a scene of the scenario with its measures and choices. */
    public record SceneView(String person, Play play, int decision, String title, Optional<SeatBanner> seat, Optional<String> error,
                            Optional<SafeHtml> feedback, List<Gauge> measures, SafeHtml narrative, List<ChoiceButton> choices) {
    }

    /** What each choice's form carries: the launch token, the attempt and the step it was drawn for. */
    public record Play(String token, String scenarioId, String scenarioTitle, long attempt, int step) {
    }

    /** Which seat the learner plays ("the clinician") and what that means for them. */
    public record SeatBanner(String seat, String note) {
    }

    /**
     * One measure as a meter. The range is cut in thirds: the meter's {@code low} and {@code high}
     * with the optimum at the top make browsers colour it by level (red, amber, green) rather than
     * all in one colour, and {@link #level()} names the level in words, for those who cannot tell
     * the colours apart.
     */
    public record Gauge(String id, String label, int value, int min, int max) {

        public int low() {
            return min + (max - min) / 3;
        }

        public int high() {
            return max - (max - min) / 3;
        }

        public String level() {
            return value <= low() ? "low" : value >= high() ? "high" : "middle";
        }
    }

    public record ChoiceButton(String id, String text) {
    }

    /** The view of learning/boundary/ending.jte: the ending, its debrief, the score and how the other group chose. */
    public record EndingView(String person, Play play, String title, List<Gauge> measures, String endingId, SafeHtml narrative,
                             SafeHtml debrief, long score, OtherGroup other, String activities) {
    }

    /**
     * How the other professional group chose: {@code group} is empty for learners in neither group,
     * {@code moreNeeded} is above 0 while the group is too small to show.
     */
    public record OtherGroup(Optional<String> group, int moreNeeded, int size, List<SceneShares> scenes, List<Share> endings) {
    }

    public record SceneShares(String title, boolean tooFew, List<Share> choices) {
    }

    public record Share(String text, int percent, boolean yours) {
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
            throw activities.notFound("scenario.notThis");
        }
        if (attempt.completed()) {
            return activities.problem(409, "scenario.finished");
        }
        Scenario scenario = scenario(activities.pinned(attempt), scenarioId);
        ScenarioPlay play = AttemptStates.scenario(scenario, attempt.state());
        if (step != play.path().size()) {
            return activities.problem(409, "scenario.moved");
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
            return scene(scenario, play, attempt, profile, pages.text("scenario.notOffered"), 400);
        } catch (OptimisticLockException e) {
            return activities.problem(409, "scenario.window");
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
        return pack.scenario(scenarioId).orElseThrow(() -> activities.notFound("scenario.none", scenarioId));
    }

    private SeatBanner seatBanner(Scenario scenario, LearnerProfile profile) {
        Seat yours = SeatAssignment.swapped(profile.group().orElse(ProfessionalGroup.OTHER), scenario.seat())
                .overriddenBy(context.customValue("tandem_seat").map(s -> s.toUpperCase(Locale.ROOT))
                        .filter(s -> s.equals("CLINICIAN") || s.equals("MANAGER")).map(Seat::valueOf).orElse(null)).seat();
        ProfessionalGroup group = profile.group().orElse(ProfessionalGroup.OTHER);
        String note = group == ProfessionalGroup.OTHER ? "other" : yours == scenario.seat() ? "swap" : "own";
        return new SeatBanner(pages.text("scenario.seat." + scenario.seat().name()), pages.text("scenario.seat.note." + note));
    }

    private static List<Gauge> measures(Scenario scenario, Map<String, Integer> values) {
        return scenario.measures().stream().map(m -> new Gauge(m.id(), m.label(), values.getOrDefault(m.id(), m.initial()),
                m.min(), m.max())).toList();
    }

    private Play play(Scenario scenario, Attempt attempt, int step) {
        return new Play(context.token(), scenario.id(), scenario.title(), attempt.id(), step);
    }

    private Response scene(Scenario scenario, ScenarioPlay play, Attempt attempt, LearnerProfile profile, String error, int status) {
        Scene scene = play.currentScene().orElseThrow();
        return pages.page(status, "learning/boundary/scene.jte", new SceneView(context.displayName(),
                play(scenario, attempt, play.path().size()), play.path().size() + 1, scene.title(),
                play.path().isEmpty() ? Optional.of(seatBanner(scenario, profile)) : Optional.empty(), Optional.ofNullable(error),
                play.lastChoice().filter(c -> c.feedback() != null).map(c -> markdown.html(c.feedback())),
                measures(scenario, play.measures()), markdown.html(scene.narrative()),
                play.offeredChoices(attempt.id()).stream().map(c -> new ChoiceButton(c.id(), c.text())).toList()));
    }

    private Response ending(Scenario scenario, ScenarioPlay play, Attempt attempt, LearnerProfile profile) {
        Ending ending = play.ending().orElseThrow();
        return pages.page(200, "learning/boundary/ending.jte", new EndingView(context.displayName(),
                play(scenario, attempt, play.path().size()), ending.title(), measures(scenario, play.measures()), ending.id(),
                markdown.html(ending.narrative()), markdown.html(ending.debrief()), Math.round(attempt.score().orElse(0) * 100),
                otherGroup(scenario, play, profile, attempt.packVersion()), context.link("/learn/activities")));
    }

    /** How learners of the other professional group chose: aggregated, and only above the minimum group size. */
    private OtherGroup otherGroup(Scenario scenario, ScenarioPlay play, LearnerProfile profile, int packVersion) {
        ProfessionalGroup own = profile.group().orElse(ProfessionalGroup.OTHER);
        if (own == ProfessionalGroup.OTHER) {
            return new OtherGroup(Optional.empty(), 0, 0, List.of(), List.of());
        }
        ProfessionalGroup other = own == ProfessionalGroup.MANAGER ? ProfessionalGroup.CLINICIAN : ProfessionalGroup.MANAGER;
        Optional<String> otherName = Optional.of(pages.text("scenario.others." + other.name()));
        List<CompletedPath> paths = attempts.completedScenarioAttempts(context.learner(), scenario.id(), other).stream()
                // paths through the same version of the scenario only: scenes of another version may differ
                .filter(a -> a.packVersion() == packVersion)
                .map(a -> {
                    ScenarioPlay p = AttemptStates.scenario(scenario, a.state());
                    return new CompletedPath(p.path(), p.ending().map(Ending::id).orElse(""));
                }).toList();
        Debrief debrief = Debrief.of(scenario, play.path(), paths, minimumGroupSize);
        if (debrief instanceof Debrief.Suppressed s) {
            return new OtherGroup(otherName, s.moreNeeded(), 0, List.of(), List.of());
        }
        Debrief.Shown shown = (Debrief.Shown) debrief;
        List<SceneShares> scenes = shown.scenes().stream().map(sc -> {
            Scene scene = scenario.scene(sc.sceneId()).orElseThrow();
            return new SceneShares(scene.title(), sc.tooFewReached(), sc.choices().stream()
                    .map(share -> new Share(scene.choice(share.id()).map(Choice::text).orElse(share.id()), share.percent(),
                            share.id().equals(sc.learnerChoiceId()))).toList());
        }).toList();
        List<Share> endings = shown.endings().stream().map(share -> new Share(scenario.ending(share.id()).map(Ending::title)
                .orElse(share.id()), share.percent(), false)).toList();
        return new OtherGroup(otherName, 0, shown.groupSize(), scenes, endings);
    }
}
