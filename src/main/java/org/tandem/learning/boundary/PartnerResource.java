package org.tandem.learning.boundary;

import static org.tandem.platform.boundary.TandemPage.attr;
import static org.tandem.platform.boundary.TandemPage.text;

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
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.learning.entity.ShadowingEntry;
import org.tandem.platform.boundary.TandemPage;

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
        String notice = "written".equals(done) ? "Your entry is in the log; your partner can now confirm it."
                : "confirmed".equals(done) ? "Entry confirmed." : null;
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
                throw new ShadowingRefused("Enter the date as year-month-day, for example 2026-05-04.");
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
        TandemPage page = TandemPage.titled("Your partner").person(context.displayName()).heading("Your partner");
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\" id=\"problem\">" + text(error) + "</div>");
        }
        if (notice != null) {
            page.html("<div class=\"notice\" role=\"status\" id=\"done\">" + text(notice) + "</div>");
        }
        page.html(partnersSection(me, pairs, partners));
        if (!partners.isEmpty()) {
            page.html(comparisons(me, partners));
        }
        page.html(shadowing(me, partners));
        return page.html("<p><a href=\"" + attr(context.link("/learn/activities")) + "\">Back to your activities</a></p>")
                .response(status);
    }

    private String partnersSection(Learner me, CoursePairs pairs, List<RosterMember> partners) {
        StringBuilder html = new StringBuilder();
        if (partners.isEmpty()) {
            String why = pairs.unpairedReason(me.subject()).map(r -> " (" + r.description() + ")").orElse("");
            html.append("<p id=\"not-paired\">You are not in a pair yet").append(text(why))
                    .append(". Your trainer pairs managers with clinicians; this page shows your partner once you have one.</p>");
        } else {
            html.append("<p>You train together with:</p><ul id=\"partners\">");
            partners.forEach(p -> html.append("<li>").append(text(p.displayName())).append(" <span class=\"muted\">(")
                    .append(text(lower(p.group()))).append(")</span></li>"));
            html.append("</ul>");
        }
        pairs.departedPartnersOf(me.subject()).forEach(d -> html.append("<p class=\"notice\" id=\"partner-left\">")
                .append(text(d.displayName() + " has left the course, so is no longer your partner.")).append("</p>"));
        return html.toString();
    }

    /** Each scenario both (or all three, in a trio) have completed, side by side, one partner at a time. */
    private String comparisons(Learner me, List<RosterMember> partners) {
        StringBuilder html = new StringBuilder("<h2>Your scenario choices side by side</h2>");
        ContentPack pack = activities.latestPack();
        boolean any = false;
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
                Optional<ChoiceComparison> comparison = compare(scenario.id(), mine.get(), theirs.get());
                if (comparison.isPresent()) {
                    any = true;
                    html.append(table(scenario, partner, comparison.get()));
                }
            }
        }
        if (!any) {
            html.append("<p id=\"no-comparison\">When you and your partner have both finished a role-swap scenario, your"
                    + " choices appear here side by side.</p>");
        }
        return html.toString();
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

    private static String table(Scenario scenario, RosterMember partner, ChoiceComparison c) {
        StringBuilder html = new StringBuilder("<h3>" + text(scenario.title()) + "</h3><table class=\"comparison\" data-scenario=\""
                + attr(scenario.id()) + "\"><caption class=\"visually-hidden\">Your choices and " + text(partner.displayName())
                + "'s in " + text(scenario.title()) + "</caption><thead><tr><th scope=\"col\">Decision</th><th scope=\"col\">You</th>"
                + "<th scope=\"col\">" + text(partner.displayName()) + "</th></tr></thead><tbody>");
        for (ChoiceComparison.Row row : c.rows()) {
            html.append("<tr><th scope=\"row\">").append(row.decision()).append("</th><td>").append(taken(row.mine()))
                    .append("</td><td>").append(taken(row.theirs())).append("</td></tr>");
        }
        html.append("<tr><th scope=\"row\">Ending</th><td>").append(text(c.mine().map(Ending::title).orElse("")))
                .append("</td><td>").append(text(c.theirs().map(Ending::title).orElse(""))).append("</td></tr>");
        return html.append("</tbody></table><p class=\"muted\">You chose alike at ").append(c.agreements()).append(" of ")
                .append(c.rows().size()).append(" decisions.</p>").toString();
    }

    private static String taken(Optional<ChoiceComparison.Taken> taken) {
        return taken.map(t -> "<span class=\"muted\">" + text(t.sceneTitle()) + ":</span> " + text(t.choiceText()))
                .orElse("<span class=\"muted\">(the scenario had ended)</span>");
    }

    private String shadowing(Learner me, List<RosterMember> partners) {
        StringBuilder html = new StringBuilder("<h2>Shadowing log</h2><p>Spend time in your partner's working world and note"
                + " what you learned about their priorities. Your partner confirms each entry.</p>");
        if (!partners.isEmpty()) {
            html.append("<form method=\"post\" action=\"/learn/partner/shadowing\" id=\"shadowing-form\">")
                    .append(context.tokenField())
                    .append("<label for=\"date\">Date</label><input type=\"date\" id=\"date\" name=\"date\" required>")
                    .append("<label for=\"setting\">Setting</label><input type=\"text\" id=\"setting\" name=\"setting\" maxlength=\"")
                    .append(ShadowingEntry.MAX_SETTING).append("\" required placeholder=\"for example: bed meeting, ward 7\">")
                    .append("<label for=\"learned\">What I learned about your priorities</label><textarea id=\"learned\""
                            + " name=\"learned\" maxlength=\"").append(ShadowingEntry.MAX_LEARNED).append("\" required></textarea>")
                    .append("<p><button type=\"submit\">Add to the log</button></p></form>");
        }
        List<ShadowingEntry> entries = log.visibleTo(me);
        if (entries.isEmpty()) {
            return html.append("<p id=\"no-entries\">No entries yet.</p>").toString();
        }
        Map<String, String> names = new HashMap<>();
        learners.of(me.course()).forEach(l -> names.put(l.subject(), l.displayName()));
        Set<String> current = partners.stream().map(RosterMember::key).collect(Collectors.toSet());
        html.append("<div id=\"entries\">");
        for (ShadowingEntry e : entries) {
            boolean mine = e.author().equals(me.subject());
            String author = mine ? "You" : names.getOrDefault(e.author(), "Your partner");
            html.append("<article class=\"entry\" data-entry=\"").append(e.id()).append("\"><h3>")
                    .append(text(DAY.format(e.shadowedOn()) + " – " + e.setting())).append("</h3><p class=\"muted\">")
                    .append(text(author + " wrote:")).append("</p><p class=\"learned\">").append(text(e.learned())).append("</p>");
            if (e.confirmed()) {
                String by = e.confirmedBy().map(s -> s.equals(me.subject()) ? "you" : names.getOrDefault(s, "your partner")).orElse("");
                html.append("<p class=\"ok\">Confirmed by ").append(text(by)).append("</p>");
            } else if (!mine && current.contains(e.author())) {
                html.append("<form method=\"post\" action=\"/learn/partner/shadowing/").append(e.id()).append("/confirm\">")
                        .append(context.tokenField()).append("<button type=\"submit\" class=\"secondary\">Confirm this entry</button></form>");
            } else {
                html.append("<p class=\"muted\">").append(text(mine ? "Waiting for your partner to confirm it."
                        : "Not confirmed; you are no longer paired with its author.")).append("</p>");
            }
            html.append("</article>");
        }
        return html.append("</div>").toString();
    }


    /** The line the activity list shows for the partner page. */
    static String status(CoursePairs pairs, String subject) {
        List<RosterMember> partners = pairs.pairing().partnerOf(subject);
        return partners.isEmpty() ? "Not paired yet"
                : "Paired with " + partners.stream().map(RosterMember::displayName).collect(Collectors.joining(" and "));
    }

    private static String lower(ProfessionalGroup group) {
        return group.label().toLowerCase(Locale.ROOT);
    }
}
