package org.tandem.learning.boundary;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Ending;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.ChoiceComparison;
import org.tandem.learning.control.CourseLearners;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pairings;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.control.ShadowingLog;
import org.tandem.learning.control.ShadowingRefused;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.ShadowingEntry;
import org.tandem.platform.boundary.Pages;

/**
 * A learner's partner page: who they are paired with, their scenario choices side by side with
 * the partner's, and the shadowing log the pair keeps. Everything is looked up through the
 * learner's own pair now; no other pair's people, attempts or entries are ever read for it.
 */
@Path("learn/partner")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class PartnerResource {

    static final String PATH = "/learn/partner";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /**
     * The view of learning/boundary/partner.jte. {@code comparisons} is empty when the learner has no
     * partner (then the section is not shown at all); {@code canWrite} offers the shadowing form.
     */
    public record PartnerPage(String person, String token, Optional<String> error, Optional<String> notice,
                              List<Partner> partners, Optional<String> unpairedReason, List<String> departed,
                              Optional<List<Comparison>> comparisons, boolean canWrite, List<Entry> entries, String activities) {
    }

    public record Partner(String name, String group) {
    }

    /**
     * One scenario both finished, scene by scene; a side is empty where that path did not pass
     * through the scene. {@code parted} names where the paths went apart (and met again).
     */
    public record Comparison(String scenarioId, String scenario, String partner, List<Row> rows, String myEnding,
                             String theirEnding, long agreements, long shared, Optional<String> parted) {
    }

    public record Row(String scene, boolean shared, Optional<ChoiceComparison.Taken> mine, Optional<ChoiceComparison.Taken> theirs) {
    }

    /** A shadowing-log entry as this learner sees it: confirmed (by whom), to confirm, or waiting (and why). */
    public record Entry(long id, String day, String setting, String author, String learned, Optional<String> confirmedBy,
                        boolean canConfirm, String waiting) {
    }

    public static final int MAX_SETTING = ShadowingEntry.MAX_SETTING;
    public static final int MAX_LEARNED = ShadowingEntry.MAX_LEARNED;

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
    ShadowingLog log;

    @Inject
    CourseLearners learners;

    @GET
    @Transactional
    public Response show(@QueryParam(LearnerContext.TOKEN) String token, @QueryParam("done") String done) {
        activities.profile(token, PATH);
        String notice = "written".equals(done) ? pages.text("partner.written")
                : "confirmed".equals(done) ? pages.text("partner.confirmed") : null;
        return page(notice, null, 200);
    }

    @POST
    @Path("shadowing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response write(@FormParam(LearnerContext.TOKEN) String token, @FormParam("date") String date,
                          @FormParam("setting") String setting, @FormParam("learned") String learned) {
        activities.profile(token, PATH);
        Learner me = context.learner();
        Set<String> partners = partnersOf(me, pairings.current(me.course()));
        try {
            LocalDate day;
            try {
                day = date == null || date.isBlank() ? null : LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                throw new ShadowingRefused(pages.text("partner.date"));
            }
            log.write(me, partners, day, setting, learned);
        } catch (ShadowingRefused e) {
            return page(null, e.getMessage(), 400);
        }
        return Response.seeOther(URI.create(context.link(PATH + "?done=written"))).build();
    }

    @POST
    @Path("shadowing/{entry}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response confirm(@FormParam(LearnerContext.TOKEN) String token, @PathParam("entry") long entryId) {
        activities.profile(token, PATH);
        Learner me = context.learner();
        try {
            log.confirm(me, entryId, partnersOf(me, pairings.current(me.course())));
        } catch (ShadowingRefused e) {
            return page(null, e.getMessage(), 409);
        }
        return Response.seeOther(URI.create(context.link(PATH + "?done=confirmed"))).build();
    }

    private static Set<String> partnersOf(Learner me, CoursePairs pairs) {
        return pairs.pairing().partnerOf(me.subject()).stream().map(RosterMember::key).collect(Collectors.toSet());
    }

    private Response page(String notice, String error, int status) {
        Learner me = context.learner();
        CoursePairs pairs = pairings.current(me.course());
        List<RosterMember> partners = pairs.pairing().partnerOf(me.subject());
        return pages.page(status, "learning/boundary/partner.jte", new PartnerPage(context.displayName(), context.token(),
                Optional.ofNullable(error), Optional.ofNullable(notice),
                partners.stream().map(p -> new Partner(p.displayName(), pages.text("group.lower." + p.group().name()))).toList(),
                partners.isEmpty() ? pairs.unpairedReason(me.subject()).map(r -> pages.text("unpaired." + r.name())) : Optional.empty(),
                pairs.departedPartnersOf(me.subject()).stream().map(d -> d.displayName()).toList(),
                partners.isEmpty() ? Optional.empty() : Optional.of(comparisons(me, partners)),
                !partners.isEmpty(), entries(me, partners), context.link("/learn/activities")));
    }

    /** Each scenario both (or all three, in a trio) have completed, side by side, one partner at a time. */
    private List<Comparison> comparisons(Learner me, List<RosterMember> partners) {
        List<Comparison> comparisons = new ArrayList<>();
        ContentPack pack = activities.latestPack();
        for (Scenario scenario : pack.scenarios()) {
            Optional<Attempt> mine = completed(me, scenario.id());
            if (mine.isEmpty()) {
                continue;
            }
            for (RosterMember partner : partners) {
                Optional<Attempt> theirs = completed(me.course().learner(partner.key()), scenario.id());
                if (theirs.isEmpty()) {
                    continue;
                }
                compare(scenario.id(), mine.get(), theirs.get()).ifPresent(c -> comparisons.add(new Comparison(scenario.id(),
                        scenario.title(), partner.displayName(), c.rows().stream()
                        .map(r -> new Row(r.sceneTitle(), r.shared(), r.mine(), r.theirs())).toList(),
                        c.mine().map(Ending::title).orElse(""), c.theirs().map(Ending::title).orElse(""), c.agreements(),
                        c.sharedScenes(), c.parted().map(p -> p.metAgainAt()
                                .map(again -> pages.text("partner.compare.parted.met", p.sceneTitle(), again))
                                .orElseGet(() -> pages.text("partner.compare.parted", p.sceneTitle()))))));
            }
        }
        return comparisons;
    }

    private Optional<Attempt> completed(Learner learner, String scenarioId) {
        return attempts.at(learner, ActivityKind.SCENARIO, scenarioId, Optional.empty()).stream().filter(Attempt::completed)
                .findFirst();
    }

    /** Each side against the content version its attempt was played on; empty when that version is gone. */
    private Optional<ChoiceComparison> compare(String scenarioId, Attempt mine, Attempt theirs) {
        Optional<Scenario> a = activities.pack(mine.packId(), mine.packVersion()).flatMap(p -> p.scenario(scenarioId));
        Optional<Scenario> b = activities.pack(theirs.packId(), theirs.packVersion()).flatMap(p -> p.scenario(scenarioId));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChoiceComparison.of(AttemptStates.scenario(a.get(), mine.state()),
                AttemptStates.scenario(b.get(), theirs.state())));
    }

    private List<Entry> entries(Learner me, List<RosterMember> partners) {
        List<ShadowingEntry> entries = log.visibleTo(me);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = new HashMap<>();
        learners.of(me.course()).forEach(l -> names.put(l.subject(), l.displayName()));
        Set<String> current = partners.stream().map(RosterMember::key).collect(Collectors.toSet());
        String partner = pages.text("partner.someone");
        return entries.stream().map(e -> {
            boolean mine = e.author().equals(me.subject());
            Optional<String> confirmedBy = e.confirmed() ? Optional.of(e.confirmedBy().map(by -> by.equals(me.subject())
                    ? pages.text("partner.you.lower") : names.getOrDefault(by, pages.text("partner.someone.lower"))).orElse("")) : Optional.empty();
            boolean canConfirm = !e.confirmed() && !mine && current.contains(e.author());
            return new Entry(e.id(), DAY.format(e.shadowedOn()), e.setting(),
                    mine ? pages.text("partner.you") : names.getOrDefault(e.author(), partner), e.learned(), confirmedBy, canConfirm,
                    pages.text(mine ? "partner.waiting" : "partner.stale"));
        }).toList();
    }

    /** The line the activity list shows for the partner page. */
    /**
     * The learner's pairing for the activity list, and how many of their partners' shadowing-log
     * entries wait for them to confirm (an entry nobody is told about never gets confirmed).
     */
    static String status(Pages pages, CoursePairs pairs, String subject, List<ShadowingEntry> visible) {
        List<RosterMember> partners = pairs.pairing().partnerOf(subject);
        if (partners.isEmpty()) {
            return pages.text("partner.status.none");
        }
        String paired = pages.text("partner.status.paired",
                partners.stream().map(RosterMember::displayName).reduce((a, b) -> pages.text("list.and", a, b)).orElseThrow());
        Set<String> current = partners.stream().map(RosterMember::key).collect(Collectors.toSet());
        long waiting = visible.stream().filter(e -> !e.confirmed() && !e.author().equals(subject) && current.contains(e.author())).count();
        return waiting == 0 ? paired
                : paired + pages.text(waiting == 1 ? "partner.status.toConfirm.one" : "partner.status.toConfirm", waiting);
    }
}
