package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.TandemPage;

/**
 * Where a launch into learning arrives: the activity the link names (custom parameter
 * tandem_activity=kind:id, with tandem_phase for assessments), or the list of all activities.
 */
@Path("learn")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class LearnResource {

    @Inject
    LearnerContext context;

    @Inject
    Activities activities;

    @Inject
    Attempts attempts;

    @Inject
    Pairings pairings;

    @GET
    @Transactional
    public Response route(@QueryParam(LearnerContext.TOKEN) String token) {
        context.require(token);
        Optional<String> activity = context.customValue("tandem_activity");
        if (activity.isEmpty()) {
            return Response.seeOther(URI.create(context.link("/learn/activities"))).build();
        }
        String[] parts = activity.get().split(":", 2);
        Optional<ActivityKind> kind = ActivityKind.fromSlug(parts[0]);
        if (kind.isEmpty() || parts.length < 2 || !parts[1].matches("[a-z0-9][a-z0-9-]*")) {
            return activities.problem(400, "Link not understood", "This course link names the activity '" + activity.get()
                    + "', which Tandem does not understand. Ask your trainer to place the activity again.");
        }
        String path = "/learn/" + kind.get().slug() + "/" + parts[1];
        if (kind.get() == ActivityKind.ASSESSMENT) {
            path += "?phase=" + context.customValue("tandem_phase").flatMap(Phase::fromParameter).map(p -> p.name().toLowerCase()).orElse("");
        }
        return Response.seeOther(URI.create(context.link(path))).build();
    }

    @GET
    @Path("activities")
    @Transactional
    public Response list(@QueryParam(LearnerContext.TOKEN) String token) {
        LearnerProfile profile = activities.profile(token, "/learn/activities");
        ContentPack pack = activities.latestPack();
        ProfessionalGroup group = profile.group().orElse(ProfessionalGroup.OTHER);
        TandemPage page = TandemPage.titled("Your activities").person(context.displayName()).heading("Your activities")
                .html("<p>You take part as a <strong>" + TandemPage.text(ProfileResource.label(group)) + "</strong>"
                        + (profile.consented() ? "; your assessment answers may be used for the programme evaluation."
                        : "; your answers are kept out of the programme evaluation.")
                        + " <a href=\"" + TandemPage.attr(context.link("/learn/profile?next=/learn/activities")) + "\">Change</a></p>");
        StringBuilder html = new StringBuilder("<h2>Before the programme</h2><ul class=\"activities\">");
        for (Instrument i : pack.instruments()) {
            html.append(item("/learn/assessment/" + i.id() + "?phase=pre", i.title(), "Relationship assessment, about 10 minutes",
                    status(ActivityKind.ASSESSMENT, i.id(), Optional.of(Phase.PRE))));
        }
        html.append("</ul><h2>Joint modules</h2><ul class=\"activities\">");
        for (Module m : pack.modules()) {
            html.append(item("/learn/module/" + m.id(), m.title(), m.summary() + " About " + m.minutes() + " minutes.",
                    status(ActivityKind.MODULE, m.id(), Optional.empty())));
        }
        html.append("</ul><h2>Role-swap scenarios</h2><ul class=\"activities\">");
        for (Scenario s : pack.scenarios()) {
            boolean swap = (group == ProfessionalGroup.MANAGER && s.seat() == Seat.CLINICIAN)
                    || (group == ProfessionalGroup.CLINICIAN && s.seat() == Seat.MANAGER);
            String seat = s.seat() == Seat.CLINICIAN ? "You play the clinician." : "You play the manager.";
            html.append(item("/learn/scenario/" + s.id(), s.title(), s.summary() + " " + seat + (swap ? " Recommended for you: a role swap." : ""),
                    status(ActivityKind.SCENARIO, s.id(), Optional.empty())));
        }
        html.append("</ul><h2>With your partner</h2><ul class=\"activities\">")
                .append(item(PartnerResource.PATH, "Your partner and shadowing log", "Who you train with, your scenario choices"
                        + " side by side, and the log of your shadowing visits.",
                        PartnerResource.status(pairings.current(context.learner().course()), context.learner().subject())));
        html.append("</ul><h2>After the programme</h2><ul class=\"activities\">");
        for (Instrument i : pack.instruments()) {
            html.append(item("/learn/assessment/" + i.id() + "?phase=post", i.title(), "The same assessment again, to see what changed",
                    status(ActivityKind.ASSESSMENT, i.id(), Optional.of(Phase.POST))));
        }
        return page.html(html.append("</ul>").toString()).response(200);
    }

    private String status(ActivityKind kind, String id, Optional<Phase> phase) {
        Optional<Attempt> latest = attempts.latest(context.learner(), kind, id, phase);
        if (latest.isEmpty()) {
            return "Not started";
        }
        Attempt a = latest.get();
        if (!a.completed()) {
            return "In progress";
        }
        return kind == ActivityKind.ASSESSMENT ? "Submitted"
                : "Completed, score " + Math.round(a.score().orElse(0) * 100) + "%";
    }

    private String item(String path, String title, String description, String status) {
        return "<li><a href=\"" + TandemPage.attr(context.link(path)) + "\">" + TandemPage.text(title) + "</a>"
                + "<br><span class=\"muted\">" + TandemPage.text(description) + "</span><br><span class=\"status\">"
                + TandemPage.text(status) + "</span></li>";
    }
}
