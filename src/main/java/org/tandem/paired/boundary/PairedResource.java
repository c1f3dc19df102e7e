package org.tandem.paired.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandem.catalogue.control.MarkdownRenderer;
import org.tandem.catalogue.control.SafeHtml;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.boundary.Activities;
import org.tandem.learning.boundary.LearnerContext;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pairing;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.paired.control.MoveRefused;
import org.tandem.paired.control.PairGames;
import org.tandem.paired.control.PairPlay;
import org.tandem.paired.control.PairSessions;
import org.tandem.paired.control.PairedCases;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.MoveKind;
import org.tandem.paired.entity.PairSession;
import org.tandem.paired.entity.PairedCase;
import org.tandem.paired.entity.PairedCase.Decision;
import org.tandem.platform.boundary.Pages;

/**
 * A live paired scenario: the page of a learner's seat (briefing, pressures, hidden facts and the
 * decision the pair is at), the moves posted from it, the live part the page's script fetches, the
 * event stream that tells it when to, and the debrief at the end. Every address carries the launch
 * token ({@code s}), never a cookie: pages live in LMS frames with third-party cookies blocked.
 */
@Path("learn/paired/{caseId}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class PairedResource {

    /** The view of paired/boundary/play.jte: the learner's seat and the live part. */
    public record PlayView(String person, String title, String seat, SafeHtml briefing, List<String> pressures, List<String> hidden,
                           Optional<String> error, Live live) {
    }

    /** The view of paired/boundary/live.jte: what changes while the pair plays. */
    public record Live(String token, String caseId, long session, int moves, String eventsUrl, String liveUrl, boolean solo,
                       Optional<String> partner, boolean partnerHere, String announce, int number, int of, Decision decision,
                       SafeHtml situation, String owner, boolean youOwn, Optional<Pending> pending, List<String> history,
                       boolean canPropose, boolean canAnswer, boolean canDecide, String note, List<Done> settled) {
    }

    public record Pending(String by, boolean yours, String option, Optional<String> reason) {
    }

    public record Done(String title, String option, String how) {
    }

    /** The view of paired/boundary/waiting.jte: the learner has no partner (yet). */
    public record WaitingView(String person, String title, SafeHtml summary, String token, String caseId, String again) {
    }

    /** The view of paired/boundary/debrief.jte. */
    public record DebriefView(String person, String title, String seat, long score, List<DebriefDecision> decisions,
                              List<String> managerHidden, List<String> clinicianHidden, SafeHtml debrief, boolean solo,
                              Optional<String> partner, String activities) {
    }

    public record DebriefDecision(String title, String owner, String option, String outcome, String how, List<String> moves,
                                  Optional<String> note) {
    }

    @Inject
    Pages pages;

    @Inject
    LearnerContext context;

    @Inject
    Activities activities;

    @Inject
    PairedCases cases;

    @Inject
    PairGames games;

    @Inject
    PairSessions sessions;

    @Inject
    Pairings pairings;

    @Inject
    PairChannel channel;

    @Inject
    MarkdownRenderer markdown;

    @GET
    @Transactional
    public Response show(@PathParam("caseId") String caseId, @QueryParam(LearnerContext.TOKEN) String token) {
        PairedCase pairedCase = pairedCase(caseId);
        LearnerProfile profile = activities.profile(token, "/learn/paired/" + caseId);
        Optional<PairSession> session = games.sessionFor(context.learner(), profile.group().orElse(ProfessionalGroup.OTHER),
                pairedCase);
        if (session.isEmpty()) {
            return pages.page(200, "paired/boundary/waiting.jte", new WaitingView(context.displayName(), pairedCase.title(),
                    markdown.html(pairedCase.summary()), context.token(), caseId, context.link("/learn/paired/" + caseId)));
        }
        return page(pairedCase, session.get(), profile, null, 200);
    }

    /** No partner yet: play alone rather than wait. */
    @POST
    @Path("solo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response solo(@PathParam("caseId") String caseId, @FormParam(LearnerContext.TOKEN) String token) {
        PairedCase pairedCase = pairedCase(caseId);
        activities.profile(token, "/learn/paired/" + caseId);
        games.solo(context.learner(), pairedCase);
        return Response.seeOther(URI.create(context.link("/learn/paired/" + caseId))).build();
    }

    /** The live part of the page alone, as the database has it now: what the page's script swaps in. */
    @GET
    @Path("live")
    @Transactional
    public Response live(@PathParam("caseId") String caseId, @QueryParam(LearnerContext.TOKEN) String token,
                         @QueryParam("session") long sessionId) {
        PairedCase pairedCase = pairedCase(caseId);
        LearnerProfile profile = activities.profile(token, "/learn/paired/" + caseId);
        PairSession session = own(sessionId);
        PairPlay play = PairPlay.of(version(pairedCase, session), session.solo(), sessions.moves(session));
        return Response.ok(pages.render("paired/boundary/live.jte",
                        live(play, session, profile.group().orElse(ProfessionalGroup.OTHER))), Pages.HTML)
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response move(@PathParam("caseId") String caseId, @FormParam(LearnerContext.TOKEN) String token,
                         @FormParam("session") long sessionId, @FormParam("moves") Integer moves, @FormParam("action") String action,
                         @FormParam("option") String option, @FormParam("text") String text) {
        PairedCase pairedCase = pairedCase(caseId);
        LearnerProfile profile = activities.profile(token, "/learn/paired/" + caseId);
        Learner learner = context.learner();
        PairSession session = own(sessionId);
        PairedCase played = version(pairedCase, session);
        String subject = learner.subject();
        try {
            games.move(learner, played, sessionId, "note".equals(action) ? Optional.empty() : Optional.ofNullable(moves),
                    (play, seat) -> switch (action == null ? "" : action) {
                        case "propose" -> play.propose(seat, subject, option, Optional.ofNullable(text), sessions.now());
                        case "agree" -> play.agree(seat, subject, sessions.now());
                        case "object" -> play.object(seat, subject, text, sessions.now());
                        case "decide" -> play.decide(seat, subject, option, sessions.now());
                        case "note" -> play.note(seat, subject, text, sessions.now());
                        default -> throw new MoveRefused("unknownAction");
                    });
        } catch (MoveRefused refused) {
            int status = Set.of("reasonNeeded", "tooLong", "noteTooLong", "noSuchOption", "unknownAction").contains(refused.key()) ? 400
                    : 409;
            throw new WebApplicationException(page(pairedCase, sessions.of(learner.course(), sessionId).orElseThrow(), profile,
                    pages.text("paired.refused." + refused.key()), status));
        }
        return Response.seeOther(URI.create(context.link("/learn/paired/" + caseId))).build();
    }

    /** Server-sent events for the page's script: "changed" when a move is stored, "presence" when someone comes or goes. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Transactional
    public void events(@PathParam("caseId") String caseId, @QueryParam(LearnerContext.TOKEN) String token,
                       @QueryParam("session") long sessionId, @Context SseEventSink sink, @Context Sse sse) {
        pairedCase(caseId);
        context.require(token);
        PairSession session = own(sessionId);
        channel.join(session.id(), context.learner().subject(), sink, sse);
    }

    // ---------------------------------------------------------------- views

    private PairedCase pairedCase(String caseId) {
        return cases.find(caseId).orElseThrow(() -> activities.notFound("paired.none", caseId));
    }

    /** The case version the session pinned; Tandem ships one version of each case, so a session of an older one cannot go on. */
    private PairedCase version(PairedCase pairedCase, PairSession session) {
        if (pairedCase.version() != session.caseVersion()) {
            throw activities.notFound("paired.version", pairedCase.title(), session.caseVersion());
        }
        return pairedCase;
    }

    /** A session of the learner's course in which they hold a seat, or 404. */
    private PairSession own(long sessionId) {
        Learner learner = context.learner();
        return sessions.of(learner.course(), sessionId).filter(s -> s.seating().seatOf(learner.subject()).isPresent())
                .orElseThrow(() -> activities.notFound("paired.notYours"));
    }

    private Response page(PairedCase pairedCase, PairSession session, LearnerProfile profile, String error, int status) {
        PairedCase played = version(pairedCase, session);
        PairPlay play = PairPlay.of(played, session.solo(), sessions.moves(session));
        ProfessionalGroup group = profile.group().orElse(ProfessionalGroup.OTHER);
        Seat seat = viewSeat(session, group);
        if (play.ended()) {
            return pages.page(200, "paired/boundary/debrief.jte", debrief(play, session, seat));
        }
        PairedCase.SeatBrief brief = played.brief(seat);
        return pages.page(status, "paired/boundary/play.jte", new PlayView(context.displayName(), played.title(), seatName(seat),
                markdown.html(brief.briefing()), brief.pressures(), brief.hidden(), Optional.ofNullable(error), live(play, session, group)));
    }

    /** The seat whose briefing the learner reads: their seat in the pair; solo, the other group's seat. */
    private Seat viewSeat(PairSession session, ProfessionalGroup group) {
        if (session.solo()) {
            return group == ProfessionalGroup.MANAGER ? Seat.CLINICIAN : Seat.MANAGER;
        }
        return session.seating().seatOf(context.learner().subject()).orElseThrow();
    }

    private Live live(PairPlay play, PairSession session, ProfessionalGroup group) {
        String me = context.learner().subject();
        Map<String, String> names = names(session);
        Optional<String> partnerSubject = session.seating().partnerOf(me);
        Optional<String> partner = partnerSubject.map(s -> names.getOrDefault(s, pages.text("paired.partner")));
        boolean partnerHere = partnerSubject.filter(channel.present(session.id())::contains).isPresent();
        Seat seat = session.solo() ? null : viewSeat(session, group);
        List<Done> settled = play.settled().stream().map(s -> new Done(s.decision().title(), s.option().text(), how(s))).toList();
        String base = "/learn/paired/" + play.pairedCase().id();
        String query = "&session=" + session.id();
        String eventsUrl = context.link(base + "/events") + query;
        String liveUrl = context.link(base + "/live") + query;
        if (play.ended()) {
            return new Live(context.token(), play.pairedCase().id(), session.id(), play.moves().size(), eventsUrl, liveUrl, session.solo(),
                    partner, partnerHere, pages.text("paired.announce.ended"), play.pairedCase().decisions().size(),
                    play.pairedCase().decisions().size(), null, null, "", false, Optional.empty(), List.of(), false, false, false, "",
                    settled);
        }
        Decision decision = play.currentDecision().orElseThrow();
        Optional<Move> pendingMove = play.pending();
        Optional<Pending> pending = pendingMove.map(p -> new Pending(who(p, names), p.subject().equals(me) && !session.solo(),
                decision.option(p.option().orElseThrow()).map(PairedCase.Option::text).orElse(""), p.text()));
        boolean youOwn = session.solo() || decision.owner() == seat;
        boolean canAnswer = !session.solo() && pendingMove.filter(p -> !p.subject().equals(me)).isPresent();
        boolean canPropose = !session.solo() && !canAnswer;
        boolean canDecide = youOwn && play.ownerMayDecide();
        List<String> history = play.currentMoves().stream().map(m -> line(m, names, decision)).toList();
        String announce = play.moves().isEmpty() ? pages.text("paired.announce.start", decision.title())
                : line(play.moves().get(play.moves().size() - 1), names,
                play.pairedCase().decision(play.moves().get(play.moves().size() - 1).decisionId()).orElse(decision));
        return new Live(context.token(), play.pairedCase().id(), session.id(), play.moves().size(), eventsUrl, liveUrl, session.solo(),
                partner, partnerHere, announce, play.settled().size() + 1, play.pairedCase().decisions().size(), decision,
                markdown.html(decision.situation()), seatName(decision.owner()), youOwn, pending, history, canPropose, canAnswer,
                canDecide, play.note(decision.id()).orElse(""), settled);
    }

    private DebriefView debrief(PairPlay play, PairSession session, Seat seat) {
        Map<String, String> names = names(session);
        PairedCase c = play.pairedCase();
        List<DebriefDecision> decisions = play.settled().stream().map(s -> new DebriefDecision(s.decision().title(),
                seatName(s.decision().owner()), s.option().text(), s.option().outcome(), how(s),
                s.moves().stream().map(m -> line(m, names, s.decision())).toList(), play.note(s.decision().id()))).toList();
        Optional<String> partner = session.seating().partnerOf(context.learner().subject()).map(s -> names.getOrDefault(s, s));
        return new DebriefView(context.displayName(), c.title(), seatName(seat), Math.round(play.score() * 100), decisions,
                c.brief(Seat.MANAGER).hidden(), c.brief(Seat.CLINICIAN).hidden(), markdown.html(c.debrief()), session.solo(), partner,
                context.link("/learn/activities"));
    }

    private String how(PairPlay.Settled settled) {
        return pages.text("paired.how." + settled.how().name());
    }

    private String seatName(Seat seat) {
        return pages.text("paired.seat." + seat.name());
    }

    private String who(Move move, Map<String, String> names) {
        return pages.text("paired.who", names.getOrDefault(move.subject(), pages.text("paired.partner")), seatName(move.seat()));
    }

    /** One move as a sentence: "Priya (manager's seat) objected: …". */
    private String line(Move move, Map<String, String> names, Decision decision) {
        String option = move.option().flatMap(decision::option).map(PairedCase.Option::text).orElse("");
        String text = move.text().orElse("");
        return pages.text("paired.move." + move.kind().name() + (move.kind() == MoveKind.PROPOSED && text.isEmpty() ? ".plain" : ""),
                who(move, names), option, text);
    }

    /** The display names of the course's learners, from its pairs and roster. */
    private Map<String, String> names(PairSession session) {
        Map<String, String> names = new HashMap<>();
        CoursePairs pairs = pairings.current(session.course());
        List<RosterMember> members = new ArrayList<>();
        pairs.pairing().pairs().forEach(p -> members.addAll(p.members()));
        pairs.pairing().unpaired().stream().map(Pairing.Unpaired::member).forEach(members::add);
        members.forEach(m -> names.put(m.key(), m.displayName()));
        pairs.groupUnknown().forEach(l -> names.put(l.subject(), l.displayName()));
        names.put(context.learner().subject(), context.displayName());
        return names;
    }
}
