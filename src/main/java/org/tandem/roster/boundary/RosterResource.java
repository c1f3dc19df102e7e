package org.tandem.roster.boundary;

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
import java.util.concurrent.ThreadLocalRandom;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.PairingEdit;
import org.tandem.learning.control.PairingEditRefused;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.control.PairsChanged;
import org.tandem.learning.entity.Course;
import org.tandem.platform.boundary.TandemPage;
import org.tandem.roster.control.CourseMembers;
import org.tandem.roster.control.Transactions;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.SyncReport;

/**
 * The trainer's roster and pairs page: who is on the course by professional group, how the last
 * refresh from the LMS went, and the pairs with their automatic and manual edits. For trainers
 * and administrators of the course the launch came from; every read and write is scoped to it.
 */
@Path("roster")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class RosterResource {

    static final String TOKEN = LaunchTokens.PARAMETER;

    @Inject
    LaunchTokens tokens;

    @Inject
    CourseMembers members;

    @Inject
    RosterRefresh refresh;

    @Inject
    Pairings pairings;

    @Inject
    Transactions transactions;

    @GET
    @Transactional
    public Response show(@QueryParam(TOKEN) String token, @QueryParam("done") String done) {
        LaunchSession session = trainer(token);
        return page(session, token).notice(doneNotice(done)).response(200);
    }

    /** The trainer's refresh runs now (no transaction held while the LMS answers) and the page shows how it went. */
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refresh(@FormParam(TOKEN) String token) {
        LaunchSession session = trainer(token);
        SyncReport report = refresh.refresh(course(session));
        // the page is drawn in a transaction of its own, after the one that saved the refresh
        return transactions.inNew(() -> {
            RosterPage page = page(session, token);
            return switch (report.outcome()) {
                case SYNCED -> page.notice("Refreshed from the LMS: " + report.listed() + " members listed"
                        + (report.left() == 0 ? "" : ", " + report.left() + " no longer on the course")
                        + " (" + report.pages() + (report.pages() == 1 ? " page" : " pages") + ").").response(200);
                case ALREADY_RUNNING -> page.notice("A refresh of this course is already running; reload the page in a moment"
                        + " to see its result.").response(200);
                case FAILED -> page.error("The refresh failed: " + report.reason()).response(200);
            };
        });
    }

    @POST
    @Path("pairs/automatic")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response pairAutomatically(@FormParam(TOKEN) String token, @FormParam("version") int version) {
        LaunchSession session = trainer(token);
        try {
            pairings.automatic(learningCourse(session), version, session.person().displayName(),
                    ThreadLocalRandom.current().nextLong());
        } catch (PairsChanged e) {
            return conflict(session, token, e);
        }
        return done(token, "paired");
    }

    @POST
    @Path("pairs/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response edit(@FormParam(TOKEN) String token, @FormParam("version") int version, @FormParam("action") String action,
                         @FormParam("member") String member, @FormParam("partner") String partner,
                         @FormParam("allow_unmixed") String allowUnmixed) {
        LaunchSession session = trainer(token);
        boolean allow = allowUnmixed != null && !allowUnmixed.isBlank();
        PairingEdit edit = switch (action == null ? "" : action) {
            case "move" -> new PairingEdit.Move(member, partner, allow);
            case "create" -> new PairingEdit.CreatePair(member, partner, allow);
            case "unpair" -> new PairingEdit.Unpair(member, allow);
            case "split" -> new PairingEdit.Split(member);
            default -> null;
        };
        if (edit == null) {
            return page(session, token).error("That change is not one Tandem knows; nothing was changed.").response(400);
        }
        try {
            pairings.edit(learningCourse(session), version, edit, session.person().displayName());
        } catch (PairsChanged e) {
            return conflict(session, token, e);
        } catch (PairingEditRefused e) {
            return page(session, token).error(e.getMessage()).response(422);
        }
        return done(token, "edited");
    }

    /**
     * The pairs changed since the trainer's page was drawn. When a racing save was caught at the
     * database, this transaction is already marked for rollback, so the answer reads nothing more
     * from it: it says what happened and links to the pairs as they are now.
     */
    private static Response conflict(LaunchSession session, String token, PairsChanged e) {
        return TandemPage.titled("Pairs changed").person(session.person().displayName())
                .heading("Someone else changed the pairs")
                .html("<div class=\"error\" role=\"alert\" id=\"problem\">" + TandemPage.text(e.getMessage()) + "</div>")
                .html("<p><a class=\"button\" id=\"current-pairs\" href=\"/roster?" + TOKEN + "=" + TandemPage.attr(token)
                        + "\">Show the pairs as they are now</a></p>")
                .response(409);
    }

    private LaunchSession trainer(String token) {
        LaunchSession session = tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
        if (session.tenancy().contextId().isEmpty()) {
            throw new WebApplicationException(TandemPage.titled("No course").person(session.person().displayName())
                    .heading("Open this page from a course")
                    .paragraph("The roster belongs to a course, and this launch did not come from one. Open Tandem from the"
                            + " course whose roster you want to see.")
                    .response(400));
        }
        return session;
    }

    private RosterPage page(LaunchSession session, String token) {
        CourseKey course = course(session);
        CoursePairs pairs = pairings.current(learningCourse(session));
        return new RosterPage(session, token, members.findRoster(course), members.all(course), pairs,
                refresh.running(course));
    }

    private static CourseKey course(LaunchSession session) {
        LaunchSession.Tenancy t = session.tenancy();
        return new CourseKey(t.platformId(), t.deploymentId(), t.contextId().orElse(""));
    }

    private static Course learningCourse(LaunchSession session) {
        LaunchSession.Tenancy t = session.tenancy();
        return new Course(t.platformId(), t.deploymentId(), t.contextId().orElse(""));
    }

    private static Response done(String token, String what) {
        return Response.seeOther(URI.create("/roster?" + TOKEN + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&done=" + what)).build();
    }

    private static String doneNotice(String done) {
        return switch (done == null ? "" : done) {
            case "paired" -> "Learners paired automatically. Check the pairs below; you can change them by hand.";
            case "edited" -> "The pairs were changed.";
            default -> null;
        };
    }
}
