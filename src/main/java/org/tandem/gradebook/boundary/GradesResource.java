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
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.platform.boundary.TandemPage;
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
        TandemPage page = TandemPage.titled("Grades and sync").person(session.person().displayName())
                .heading("Grades and sync")
                .paragraph("Each graded activity link of this course, each learner's progress, and what became of their "
                        + "score in the course gradebook. Scores wait in Tandem while the LMS is unavailable and are sent "
                        + "when it answers again; nothing is lost.");
        if (done != null && !done.isBlank()) {
            page.html("<div class=\"notice\" role=\"status\" id=\"done\">" + TandemPage.text(done) + "</div>");
        }
        List<GradeColumn> inCourse = new java.util.ArrayList<>(columns.inCourse(course));
        Optional<String> opened = session.tenancy().resourceLinkId()
                .filter(link -> session.custom().containsKey("tandem_activity"));
        if (opened.isPresent()) {
            // the trainer opened one activity link: that link first, with a learner's preview of it
            Optional<GradeColumn> own = inCourse.stream().filter(c -> c.resourceLinkId().equals(opened.get())).findFirst();
            own.ifPresent(c -> {
                inCourse.remove(c);
                inCourse.add(0, c);
            });
            page.html("<div class=\"panel\" id=\"opened-link\"><p>You opened <strong>"
                    + TandemPage.text(session.tenancy().resourceLinkTitle().orElse("an activity link")) + "</strong>. "
                    + (own.isPresent() ? "Its learners and their grade sync come first below."
                    : "This link sends no grades: the LMS's launch offered no gradebook service for it.")
                    + "</p><p><a class=\"button secondary\" id=\"preview\" href=\""
                    + TandemPage.attr(link(token, "learn")) + "\">Preview it as a learner</a></p></div>");
        }
        if (inCourse.isEmpty()) {
            page.html("<p id=\"no-columns\">No graded Tandem link has been opened in this course yet. Place activities "
                    + "with <em>Add Tandem activities</em> in the course editor (each gets a gradebook column), then open "
                    + "one once; it appears here.</p>");
        }
        Map<String, String> names = new LinkedHashMap<>();
        members.all(new CourseKey(course.platformId(), course.deploymentId(), course.contextId()))
                .forEach(m -> names.put(m.subject(), m.displayName()));
        for (GradeColumn column : inCourse) {
            page.html(section(column, names, token));
        }
        page.html("<p><a href=\"" + TandemPage.attr(link(token, "grades")) + "\">Refresh</a> · <a href=\""
                + TandemPage.attr(link(token, "app/home")) + "\">Tandem home</a></p>");
        return page.response(200);
    }

    private String section(GradeColumn column, Map<String, String> names, String token) {
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
        String id = "column-" + column.id();
        StringBuilder html = new StringBuilder("<section class=\"panel grade-column\" id=\"").append(id)
                .append("\" aria-labelledby=\"").append(id).append("-title\"><h2 id=\"").append(id).append("-title\">")
                .append(TandemPage.text(column.title())).append("</h2><p class=\"muted\">")
                .append(TandemPage.text(activity.map(this::describe).orElse(column.activityKey()))).append(" · ")
                .append(lineItem(column)).append("</p>");
        html.append("<p class=\"sync-summary\">").append(counts.get(ScoreEvent.Status.SENT)).append(" sent, ")
                .append(counts.get(ScoreEvent.Status.PENDING)).append(" pending, ")
                .append(counts.get(ScoreEvent.Status.FAILED)).append(" failed.</p>");
        html.append("<form method=\"post\" action=\"/grades/mode\" class=\"inline\">").append(field(token))
                .append("<input type=\"hidden\" name=\"column\" value=\"").append(column.id()).append("\">")
                .append("<fieldset><legend>The gradebook receives</legend>")
                .append(radio(id, SendMode.COMPLETION, column.mode(), "completion (full marks once completed)"))
                .append(radio(id, SendMode.SCORE, column.mode(), activity.map(a -> a.kind() == ActivityKind.ASSESSMENT
                        ? "the score (the assessment total on its scale)" : "the score").orElse("the score")))
                .append("</fieldset><p><button type=\"submit\" class=\"secondary\">Save and re-send</button></p></form>");
        html.append("<form method=\"post\" action=\"/grades/resend-all\">").append(field(token))
                .append("<input type=\"hidden\" name=\"column\" value=\"").append(column.id()).append("\">")
                .append("<p><button type=\"submit\" class=\"secondary\" id=\"resend-").append(column.id())
                .append("\">Re-send all results</button> <span class=\"muted\">Sends every learner's latest result "
                        + "again, for example after grades were changed or deleted in the LMS.</span></p></form>");
        if (learners.isEmpty()) {
            return html.append("<p>No learner has opened this activity yet.</p></section>").toString();
        }
        html.append("<div class=\"table-scroll\"><table class=\"sync\"><caption>Learners and grade sync for ")
                .append(TandemPage.text(column.title())).append("</caption><thead><tr><th scope=\"col\">Learner</th>")
                .append("<th scope=\"col\">Progress</th><th scope=\"col\">Grade sync</th><th scope=\"col\">Action</th>")
                .append("</tr></thead><tbody>");
        learners.forEach((subject, name) -> html.append(row(column, subject, name, Optional.ofNullable(progress.get(subject)),
                Optional.ofNullable(sync.get(subject)), token)));
        return html.append("</tbody></table></div></section>").toString();
    }

    /** "Module: title", from the newest installed pack that has the activity. */
    private String describe(ActivityRef activity) {
        for (ContentPack pack : packs()) {
            Optional<String> title = switch (activity.kind()) {
                case MODULE -> pack.module(activity.id()).map(m -> "Module: " + m.title());
                case SCENARIO -> pack.scenario(activity.id()).map(sc -> "Role-swap scenario: " + sc.title());
                case ASSESSMENT -> pack.instrument(activity.id()).map(i -> "Assessment " + activity.phase()
                        .map(p -> p == org.tandem.learning.entity.Phase.PRE ? "before the programme: " : "after the programme: ")
                        .orElse("") + i.title());
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

    private static String lineItem(GradeColumn column) {
        if (column.lineItemProblem().isPresent()) {
            return "gradebook column: problem – " + TandemPage.text(column.lineItemProblem().get());
        }
        if (column.lineItemUrl().isPresent()) {
            return "gradebook column in the LMS: linked";
        }
        return "gradebook column: Tandem finds or creates it with the first score";
    }

    private static String radio(String id, SendMode mode, SendMode current, String label) {
        String inputId = id + "-" + mode.parameter();
        return "<label for=\"" + inputId + "\"><input type=\"radio\" id=\"" + inputId + "\" name=\"mode\" value=\""
                + mode.parameter() + "\"" + (mode == current ? " checked" : "") + "> " + TandemPage.text(label) + "</label> ";
    }

    private String row(GradeColumn column, String subject, String name, Optional<Attempt> attempt, Optional<ScoreEvent> event,
                       String token) {
        String progress = attempt.map(a -> a.completed()
                ? "Completed " + a.completedAt().map(WHEN::format).orElse("")
                : "In progress").orElse("Not started");
        String sync;
        boolean offerSend = false;
        if (event.isEmpty()) {
            sync = attempt.filter(Attempt::completed).isPresent()
                    ? "Not sent: completed before this link was graded in Tandem" : "Nothing to send yet";
            offerSend = attempt.filter(Attempt::completed).isPresent();
        } else {
            ScoreEvent e = event.get();
            String score = e.payload().scoreGiven() == null ? ""
                    : " (" + number(e.payload().scoreGiven()) + " of " + number(e.payload().scoreMaximum()) + ")";
            sync = switch (e.status()) {
                case SENT -> "Sent " + e.finishedAt().map(WHEN::format).orElse("") + score;
                case PENDING -> e.tries() == 0 ? "Pending: waiting to be sent" + score
                        : "Pending: " + e.tries() + " tr" + (e.tries() == 1 ? "y" : "ies") + " so far, next try "
                        + WHEN.format(e.nextTryAt()) + ". The LMS answered: " + e.lastAnswer().orElse("nothing");
                case FAILED -> "Failed: " + e.lastAnswer().orElse("no answer recorded");
                case REPLACED -> "Replaced by a newer score";
            };
            offerSend = e.status() == ScoreEvent.Status.FAILED;
        }
        String state = event.map(e -> e.status().name().toLowerCase(java.util.Locale.ROOT)).orElse("none");
        String action = offerSend
                ? "<form method=\"post\" action=\"/grades/retry\">" + field(token)
                + "<input type=\"hidden\" name=\"column\" value=\"" + column.id() + "\">"
                + "<input type=\"hidden\" name=\"learner\" value=\"" + TandemPage.attr(subject) + "\">"
                + "<button type=\"submit\" class=\"secondary\">" + (event.isPresent() ? "Retry" : "Send") + "</button></form>"
                : "";
        return "<tr data-learner=\"" + TandemPage.attr(subject) + "\" data-sync=\"" + state + "\"><th scope=\"row\">"
                + TandemPage.text(name) + "</th><td>" + TandemPage.text(progress) + "</td><td class=\"sync-state\">"
                + TandemPage.text(sync) + "</td><td>" + action + "</td></tr>";
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
            return back(token, "This learner has no completed result to send.");
        }
        LOG.info(() -> "trainer " + session.person().subject() + " re-sent the result of " + subject + " to column " + columnId);
        worker.afterCommit();
        return back(token, "The result is queued and will be sent in a moment.");
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
        return back(token, queued + " result" + (queued == 1 ? " is" : "s are") + " queued for " + column.title() + ".");
    }

    @POST
    @Path("mode")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response mode(@FormParam(LaunchTokens.PARAMETER) String token, @FormParam("column") long columnId,
                         @FormParam("mode") String modeParam) {
        LaunchSession session = trainer(token);
        GradeColumn column = column(session, columnId);
        SendMode mode = SendMode.fromParameter(modeParam).orElseThrow(() -> new WebApplicationException(
                TandemPage.titled("Not saved").heading("Choose what the gradebook receives")
                        .paragraph("Choose completion or score; nothing was changed.").response(400)));
        if (mode == column.mode()) {
            return back(token, "Nothing changed: " + column.title() + " already sends " + describe(mode) + ".");
        }
        column.chooseMode(mode, outbox.now());
        int queued = outbox.resendAll(column, ScoreEvent.Cause.MODE_CHANGED);
        LOG.info(() -> "trainer " + session.person().subject() + " switched column " + columnId + " to " + mode);
        worker.afterCommit();
        return back(token, column.title() + " now sends " + describe(mode) + "; " + queued + " result"
                + (queued == 1 ? " is" : "s are") + " queued again.");
    }

    private static String describe(SendMode mode) {
        return mode == SendMode.COMPLETION ? "completion" : "the score";
    }

    private LaunchSession trainer(String token) {
        return tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
    }

    private static Course course(LaunchSession session) {
        LaunchSession.Tenancy t = session.tenancy();
        return new Course(t.platformId(), t.deploymentId(), t.contextId().orElseThrow(() -> new WebApplicationException(
                TandemPage.titled("No course").heading("Open this page from a course")
                        .paragraph("The launch did not come from a course, so there are no grades to show.").response(400))));
    }

    private GradeColumn column(LaunchSession session, long columnId) {
        return columns.find(course(session), columnId).orElseThrow(() -> new WebApplicationException(
                TandemPage.titled("Not found").heading("No such gradebook column in this course")
                        .paragraph("Nothing was changed.").response(404)));
    }

    private static Response back(String token, String done) {
        return Response.seeOther(URI.create("/grades?" + LaunchTokens.PARAMETER + "=" + token + "&done="
                + URLEncoder.encode(done, StandardCharsets.UTF_8))).build();
    }

    private static String link(String token, String path) {
        return "/" + path + "?" + LaunchTokens.PARAMETER + "=" + token;
    }

    private static String field(String token) {
        return "<input type=\"hidden\" name=\"" + LaunchTokens.PARAMETER + "\" value=\"" + TandemPage.attr(token) + "\">";
    }
}
