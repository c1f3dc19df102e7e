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
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;
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
    Pages pages;

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
                case SYNCED -> page.notice(pages.text(report.left() == 0 ? "roster.refreshed" : "roster.refreshed.left",
                        report.listed(), pages.text(report.pages() == 1 ? "roster.refreshed.page" : "roster.refreshed.pages",
                                report.pages()), report.left())).response(200);
                case ALREADY_RUNNING -> page.notice(pages.text("roster.refresh.running")).response(200);
                case FAILED -> page.error(pages.text("roster.refresh.failed", report.reason())).response(200);
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
            return page(session, token).error(pages.text("roster.edit.unknown")).response(400);
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
    private Response conflict(LaunchSession session, String token, PairsChanged e) {
        return pages.message(409, Message.of(pages.text("roster.conflict.title"), e.getMessage())
                .headed(pages.text("roster.conflict.heading")).by(session.person().displayName()).alerting("problem")
                .linking(Message.Link.button("/roster?" + TOKEN + "=" + token, pages.text("roster.conflict.link"), "current-pairs")));
    }

    private LaunchSession trainer(String token) {
        LaunchSession session = tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
        if (session.tenancy().contextId().isEmpty()) {
            throw new WebApplicationException(pages.message(400, Message.of(pages.text("course.none.title"),
                    pages.text("roster.course.none")).headed(pages.text("course.none.heading")).by(session.person().displayName())));
        }
        return session;
    }

    private RosterPage page(LaunchSession session, String token) {
        CourseKey course = course(session);
        CoursePairs pairs = pairings.current(learningCourse(session));
        return new RosterPage(pages, session, token, members.findRoster(course), members.all(course), pairs,
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

    private String doneNotice(String done) {
        return switch (done == null ? "" : done) {
            case "paired" -> pages.text("roster.done.paired");
            case "edited" -> pages.text("roster.done.edited");
            default -> null;
        };
    }
}
