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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Seat;
import org.tandem.gradebook.control.GradeColumns;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.control.ShadowingLog;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.Pages;

/**
 * Where a launch into learning arrives: the activity the link names (custom parameter
 * tandem_activity=kind:id, with tandem_phase for assessments), or the list of all activities.
 */
@Path("learn")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class LearnResource {

    /** The view of learning/boundary/activities.jte: the learner's group and consent, and the activities in teaching order. */
    public record ActivityList(String person, String group, boolean consented, String change, List<Stage> stages) {
    }

    /** One part of the programme (before, modules, scenarios, with the partner, after). */
    public record Stage(String heading, List<Item> items) {
    }

    /** {@code gradedIn} names the course's gradebook columns the activity's result goes to (none when ungraded). */
    public record Item(String href, String title, String description, String status, List<String> gradedIn) {
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
    Pairings pairings;

    @Inject
    GradeColumns columns;

    @Inject
    ShadowingLog log;

    /** Activity key → titles of its graded links in this course: where a result goes. */
    private Map<String, List<String>> graded;

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
            return activities.problem(400, "learning.link", activity.get());
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
        Learner me = context.learner();
        graded = new HashMap<>();
        columns.inCourse(new org.tandem.gradebook.entity.Course(me.platformId(), me.deploymentId(), me.contextId()))
                .forEach(c -> graded.computeIfAbsent(c.activityKey(), k -> new ArrayList<>()).add(c.title()));
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(pages.text("activities.before"), pack.instruments().stream()
                .map(i -> item("/learn/assessment/" + i.id() + "?phase=pre", i.title(), pages.text("activities.pre"),
                        ActivityRef.assessment(i.id(), Phase.PRE))).toList()));
        stages.add(new Stage(pages.text("activities.modules"), pack.modules().stream()
                .map(m -> item("/learn/module/" + m.id(), m.title(), pages.text("activities.module", m.summary(), m.minutes()),
                        ActivityRef.of(ActivityKind.MODULE, m.id()))).toList()));
        stages.add(new Stage(pages.text("activities.scenarios"), pack.scenarios().stream().map(s -> {
            boolean swap = (group == ProfessionalGroup.MANAGER && s.seat() == Seat.CLINICIAN)
                    || (group == ProfessionalGroup.CLINICIAN && s.seat() == Seat.MANAGER);
            String description = pages.text("activities.scenario." + s.seat().name(), s.summary());
            return item("/learn/scenario/" + s.id(), s.title(), swap ? pages.text("activities.scenario.swap", description) : description,
                    ActivityRef.of(ActivityKind.SCENARIO, s.id()));
        }).toList()));
        stages.add(new Stage(pages.text("activities.partner"), List.of(new Item(context.link(PartnerResource.PATH),
                pages.text("activities.partner.title"), pages.text("activities.partner.description"),
                PartnerResource.status(pages, pairings.current(me.course()), me.subject(), log.visibleTo(me)), List.of()))));
        stages.add(new Stage(pages.text("activities.after"), pack.instruments().stream()
                .map(i -> item("/learn/assessment/" + i.id() + "?phase=post", i.title(), pages.text("activities.post"),
                        ActivityRef.assessment(i.id(), Phase.POST))).toList()));
        return pages.page(200, "learning/boundary/activities.jte", new ActivityList(context.displayName(),
                pages.text("group." + group.name()), profile.consented(), context.link("/learn/profile?next=/learn/activities"), stages));
    }

    private String status(ActivityKind kind, String id, Optional<Phase> phase) {
        Optional<Attempt> latest = attempts.latest(context.learner(), kind, id, phase);
        if (latest.isEmpty()) {
            return pages.text("activities.status.new");
        }
        Attempt a = latest.get();
        if (!a.completed()) {
            return pages.text("activities.status.started");
        }
        return kind == ActivityKind.ASSESSMENT ? pages.text("activities.status.submitted")
                : pages.text("activities.status.completed", Math.round(a.score().orElse(0) * 100));
    }

    private Item item(String path, String title, String description, ActivityRef activity) {
        return new Item(context.link(path), title, description, status(activity.kind(), activity.id(), activity.phase()),
                graded.getOrDefault(activity.key(), List.of()));
    }
}
