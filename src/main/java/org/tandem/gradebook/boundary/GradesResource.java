package org.tandem.gradebook.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.gradebook.control.GradeColumns;
import org.tandem.gradebook.control.ScoreOutbox;
import org.tandem.gradebook.entity.AttemptPolicy;
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;
import org.tandem.roster.control.CourseMembers;
import org.tandem.roster.entity.CourseKey;

/**
 * The trainer's view of grade sync: per graded activity link of the course, each learner's
 * progress and what became of their score (sent, pending with the next try, failed with the LMS's
 * answer), with retry, re-send all and the choice between completion and score.
 */
@Path("grades")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class GradesResource {

    private static final Logger LOG = Logger.getLogger(GradesResource.class.getName());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The view of gradebook/boundary/grades.jte: the course's graded links, the opened one first. */
    public record Grades(String person, String token, Optional<String> done, Optional<Opened> opened, List<Column> columns) {
    }

    /** The activity link the trainer opened, whether it sends grades, and where its learner's preview is. */
    public record Opened(String title, boolean graded, String preview) {
    }

    /** One graded link: what it is, its line item, the sync counts, the send mode and a row per learner. */
    public record Column(long id, String title, String describe, String lineItem, long sent, long pending, long failed,
                         List<Mode> modes, List<Mode> policies, List<Row> rows) {
    }

    public record Mode(String value, String label, boolean checked) {
    }

    /** A learner's progress and grade sync; {@code action} is "retry", "send" or "" for none. */
    public record Row(String subject, String name, String state, String progress, String sync, String action) {
    }

    @Inject
    org.tandem.paired.control.PairedCases pairedCases;

    @Inject
    Pages pages;

    @Inject
    LaunchTokens tokens;

    @Inject
    GradeColumns columns;

    @Inject
    ScoreOutbox outbox;

    @Inject
    Attempts attempts;

    @Inject
    CourseMembers members;

    @Inject
    DeliveryWorker worker;

    @Inject
    Catalogue catalogue;

    private List<ContentPack> packs;

    @GET
    @Transactional
    public Response show(@QueryParam(LaunchTokens.PARAMETER) String token, @QueryParam("done") String done) {
        LaunchSession session = trainer(token);
        Course course = course(session);
        List<GradeColumn> inCourse = new java.util.ArrayList<>(columns.inCourse(course));
        Optional<String> opened = session.tenancy().resourceLinkId()
                .filter(link -> session.custom().containsKey("tandem_activity"));
        Optional<Opened> openedLink = Optional.empty();
        if (opened.isPresent()) {
            // the trainer opened one activity link: that link first, with a learner's preview of it
            Optional<GradeColumn> own = inCourse.stream().filter(c -> c.resourceLinkId().equals(opened.get())).findFirst();
            own.ifPresent(c -> {
                inCourse.remove(c);
                inCourse.add(0, c);
            });
            openedLink = Optional.of(new Opened(session.tenancy().resourceLinkTitle().orElse(pages.text("grades.opened.untitled")),
                    own.isPresent(), link(token, "learn")));
        }
        Map<String, String> names = new LinkedHashMap<>();
        members.all(new CourseKey(course.platformId(), course.deploymentId(), course.contextId()))
                .forEach(m -> names.put(m.subject(), m.displayName()));
        return pages.page(200, "gradebook/boundary/grades.jte", new Grades(session.person().displayName(), token,
                Optional.ofNullable(done).filter(d -> !d.isBlank()), openedLink,
                inCourse.stream().map(column -> column(column, names)).toList()));
    }

    private Column column(GradeColumn column, Map<String, String> names) {
        Optional<ActivityRef> activity = ActivityRef.fromKey(column.activityKey());
        Course c = column.course();
        Learner courseKey = new Learner(c.platformId(), c.deploymentId(), c.contextId(), "");
        Map<String, Attempt> progress = activity.map(a -> attempts.latestPerLearner(courseKey, a)).orElse(Map.of());
        Map<String, ScoreEvent> sync = outbox.latestPerLearner(column);
        Map<String, String> learners = new LinkedHashMap<>();
        members.learners(new CourseKey(c.platformId(), c.deploymentId(), c.contextId()))
                .forEach(m -> learners.put(m.subject(), m.displayName()));
        progress.keySet().forEach(s -> learners.putIfAbsent(s, names.getOrDefault(s, s)));
        sync.keySet().forEach(s -> learners.putIfAbsent(s, names.getOrDefault(s, s)));
        Map<ScoreEvent.Status, Long> counts = outbox.counts(column);
        boolean assessment = activity.filter(a -> a.kind() == ActivityKind.ASSESSMENT).isPresent();
        List<Mode> modes = List.of(new Mode(SendMode.COMPLETION.parameter(), pages.text("grades.mode.completion"),
                        column.mode() == SendMode.COMPLETION),
                new Mode(SendMode.SCORE.parameter(), pages.text(assessment ? "grades.mode.score.assessment" : "grades.mode.score"),
                        column.mode() == SendMode.SCORE));
        List<Mode> policies = java.util.Arrays.stream(AttemptPolicy.values()).map(p -> new Mode(p.parameter(),
                pages.text("grades.attempts." + p.parameter()), column.attemptPolicy() == p)).toList();
        List<Row> rows = learners.entrySet().stream().map(l -> row(l.getKey(), l.getValue(),
                Optional.ofNullable(progress.get(l.getKey())), Optional.ofNullable(sync.get(l.getKey())))).toList();
        return new Column(column.id(), column.title(), activity.map(this::describe).orElse(column.activityKey()), lineItem(column),
                counts.get(ScoreEvent.Status.SENT), counts.get(ScoreEvent.Status.PENDING), counts.get(ScoreEvent.Status.FAILED),
                modes, policies, rows);
    }

    /** "Module: title", from the newest installed pack that has the activity. */
    private String describe(ActivityRef activity) {
        for (ContentPack pack : packs()) {
            Optional<String> title = switch (activity.kind()) {
                case MODULE -> pack.module(activity.id()).map(m -> pages.text("grades.module", m.title()));
                case SCENARIO -> pack.scenario(activity.id()).map(sc -> pages.text("grades.scenario", sc.title()));
                case PAIRED -> pairedCases.find(activity.id()).map(c -> pages.text("grades.paired", c.title()));
                case ASSESSMENT -> pack.instrument(activity.id()).map(i -> pages.text("grades.assessment."
                        + activity.phase().map(Enum::name).orElse("ANY"), i.title()));
            };
            if (title.isPresent()) {
                return title.get();
            }
        }
        return activity.key();
    }

    private List<ContentPack> packs() {
        if (packs == null) {
            packs = catalogue.latestPacks();
        }
        return packs;
    }

    private String lineItem(GradeColumn column) {
        if (column.lineItemProblem().isPresent()) {
            return pages.text("grades.lineItem.problem", column.lineItemProblem().get());
        }
        return pages.text(column.lineItemUrl().isPresent() ? "grades.lineItem.linked" : "grades.lineItem.later");
    }

    private Row row(String subject, String name, Optional<Attempt> attempt, Optional<ScoreEvent> event) {
        String progress = attempt.map(a -> a.completed()
                ? pages.text("grades.progress.completed", a.completedAt().map(WHEN::format).orElse(""))
                : pages.text("grades.progress.started")).orElse(pages.text("grades.progress.new"));
        String sync;
        boolean offerSend;
        if (event.isEmpty()) {
            offerSend = attempt.filter(Attempt::completed).isPresent();
            sync = pages.text(offerSend ? "grades.sync.ungraded" : "grades.sync.nothing");
        } else {
            ScoreEvent e = event.get();
            String score = e.payload().scoreGiven() == null ? ""
                    : pages.text("grades.sync.score", number(e.payload().scoreGiven()), number(e.payload().scoreMaximum()));
            sync = switch (e.status()) {
                case SENT -> pages.text("grades.sync.sent", e.finishedAt().map(WHEN::format).orElse(""), score);
                case PENDING -> e.tries() == 0 ? pages.text("grades.sync.waiting", score)
                        : pages.text(e.tries() == 1 ? "grades.sync.pending.one" : "grades.sync.pending", e.tries(),
                        WHEN.format(e.nextTryAt()), e.lastAnswer().orElse(pages.text("grades.sync.nothingAnswered")));
                case FAILED -> pages.text("grades.sync.failed", e.lastAnswer().orElse(pages.text("grades.sync.noAnswer")));
                case REPLACED -> pages.text("grades.sync.replaced");
            };
            offerSend = e.status() == ScoreEvent.Status.FAILED;
        }
        String state = event.map(e -> e.status().name().toLowerCase(java.util.Locale.ROOT)).orElse("none");
        return new Row(subject, name, state, progress, sync, offerSend ? (event.isPresent() ? "retry" : "send") : "");
    }

    private static String number(Double value) {
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response retry(@FormParam(LaunchTokens.PARAMETER) String token, @FormParam("column") long columnId,
                          @FormParam("learner") String subject) {
        LaunchSession session = trainer(token);
        GradeColumn column = column(session, columnId);
        Optional<ScoreEvent> event = outbox.resend(column, subject == null ? "" : subject, ScoreEvent.Cause.RESENT);
        if (event.isEmpty()) {
            return back(token, pages.text("grades.done.none"));
        }
        LOG.info(() -> "trainer " + session.person().subject() + " re-sent the result of " + subject + " to column " + columnId);
        worker.afterCommit();
        return back(token, pages.text("grades.done.queued"));
    }

    @POST
    @Path("resend-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response resendAll(@FormParam(LaunchTokens.PARAMETER) String token, @FormParam("column") long columnId) {
        LaunchSession session = trainer(token);
        GradeColumn column = column(session, columnId);
        int queued = outbox.resendAll(column, ScoreEvent.Cause.RESENT);
        LOG.info(() -> "trainer " + session.person().subject() + " re-sent " + queued + " results to column " + columnId);
        worker.afterCommit();
        return back(token, pages.text(queued == 1 ? "grades.done.resent.one" : "grades.done.resent", queued, column.title()));
    }

    @POST
    @Path("mode")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response mode(@FormParam(LaunchTokens.PARAMETER) String token, @FormParam("column") long columnId,
                         @FormParam("mode") String modeParam) {
        LaunchSession session = trainer(token);
        GradeColumn column = column(session, columnId);
        SendMode mode = SendMode.fromParameter(modeParam).orElseThrow(() -> new WebApplicationException(pages.message(400,
                Message.of(pages.text("grades.mode.missing.title"), pages.text("grades.mode.missing.text"))
                        .headed(pages.text("grades.mode.missing.heading")))));
        if (mode == column.mode()) {
            return back(token, pages.text("grades.done.unchanged", column.title(), describe(mode)));
        }
        column.chooseMode(mode, outbox.now());
        int queued = outbox.resendAll(column, ScoreEvent.Cause.MODE_CHANGED);
        LOG.info(() -> "trainer " + session.person().subject() + " switched column " + columnId + " to " + mode);
        worker.afterCommit();
        return back(token, pages.text(queued == 1 ? "grades.done.mode.one" : "grades.done.mode", column.title(), describe(mode), queued));
    }

    @POST
    @Path("attempts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response attempts(@FormParam(LaunchTokens.PARAMETER) String token, @FormParam("column") long columnId,
                             @FormParam("attempts") String policyParam) {
        LaunchSession session = trainer(token);
        GradeColumn column = column(session, columnId);
        AttemptPolicy policy = AttemptPolicy.fromParameter(policyParam).orElseThrow(() -> new WebApplicationException(pages.message(400,
                Message.of(pages.text("grades.mode.missing.title"), pages.text("grades.attempts.missing.text"))
                        .headed(pages.text("grades.attempts.missing.heading")))));
        String chosen = pages.text("grades.attempts." + policy.parameter());
        if (policy == column.attemptPolicy()) {
            return back(token, pages.text("grades.done.attempts.unchanged", column.title(), chosen));
        }
        column.chooseAttemptPolicy(policy, outbox.now());
        int queued = outbox.resendAll(column, ScoreEvent.Cause.POLICY_CHANGED);
        LOG.info(() -> "trainer " + session.person().subject() + " set column " + columnId + " to grade the " + policy + " attempt");
        worker.afterCommit();
        return back(token, pages.text(queued == 1 ? "grades.done.attempts.one" : "grades.done.attempts", column.title(), chosen, queued));
    }

    private String describe(SendMode mode) {
        return pages.text(mode == SendMode.COMPLETION ? "grades.sends.completion" : "grades.sends.score");
    }

    private LaunchSession trainer(String token) {
        return tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
    }

    private Course course(LaunchSession session) {
        LaunchSession.Tenancy t = session.tenancy();
        return new Course(t.platformId(), t.deploymentId(), t.contextId().orElseThrow(() -> new WebApplicationException(
                pages.message(400, Message.of(pages.text("course.none.title"), pages.text("grades.course.none"))
                        .headed(pages.text("course.none.heading"))))));
    }

    private GradeColumn column(LaunchSession session, long columnId) {
        return columns.find(course(session), columnId).orElseThrow(() -> new WebApplicationException(pages.message(404,
                Message.of(pages.text("grades.column.none.title"), pages.text("grades.column.none.text"))
                        .headed(pages.text("grades.column.none.heading")))));
    }

    private static Response back(String token, String done) {
        return Response.seeOther(URI.create("/grades?" + LaunchTokens.PARAMETER + "=" + token + "&done="
                + URLEncoder.encode(done, StandardCharsets.UTF_8))).build();
    }

    private static String link(String token, String path) {
        return "/" + path + "?" + LaunchTokens.PARAMETER + "=" + token;
    }
}
