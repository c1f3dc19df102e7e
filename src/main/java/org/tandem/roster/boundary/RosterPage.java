package org.tandem.roster.boundary;

import static org.tandem.platform.boundary.TandemPage.attr;
import static org.tandem.platform.boundary.TandemPage.text;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pair;
import org.tandem.learning.control.Pairing;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.TandemPage;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;

/**
 * Draws the roster and pairs page. Every form carries the launch token (it is the CSRF token
 * too) and the pairs' version, so an edit made from an out-of-date page is refused, not applied.
 */
final class RosterPage {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private static final String TOKEN_PARAM = RosterResource.TOKEN;

    private final LaunchSession session;
    private final String token;
    private final Optional<CourseRoster> roster;
    private final List<CourseMember> members;
    private final CoursePairs pairs;
    private final boolean refreshing;
    private final List<String> notices = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    RosterPage(LaunchSession session, String token, Optional<CourseRoster> roster,
               List<CourseMember> members, CoursePairs pairs, boolean refreshing) {
        this.session = session;
        this.token = token;
        this.roster = roster;
        this.members = members;
        this.pairs = pairs;
        this.refreshing = refreshing;
    }

    RosterPage notice(String message) {
        if (message != null) {
            notices.add(message);
        }
        return this;
    }

    RosterPage error(String message) {
        errors.add(message);
        return this;
    }

    Response response(int status) {
        TandemPage page = TandemPage.titled("Roster and pairs").person(session.person().displayName())
                .heading("Roster and pairs")
                .html("<p class=\"muted\">" + text(session.tenancy().contextTitle().orElse("This course")) + "</p>");
        errors.forEach(e -> page.html("<div class=\"error\" role=\"alert\" id=\"problem\">" + text(e) + "</div>"));
        notices.forEach(n -> page.html("<div class=\"notice\" role=\"status\" id=\"done\">" + text(n) + "</div>"));
        return page.html(sync()).html(roster()).html(pairing()).html(edits())
                .html("<p><a href=\"/app/home?" + TOKEN_PARAM + "=" + attr(token) + "\">Back to Tandem's home page</a></p>")
                .response(status);
    }

    private String tokenField() {
        return "<input type=\"hidden\" name=\"" + TOKEN_PARAM + "\" value=\"" + attr(token) + "\">";
    }

    private String versionField() {
        return "<input type=\"hidden\" name=\"version\" value=\"" + pairs.version() + "\">";
    }

    // ----- the sync -------------------------------------------------------------------------

    private String sync() {
        StringBuilder html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"sync-heading\">"
                + "<h2 id=\"sync-heading\">From the LMS</h2>");
        Optional<Instant> synced = roster.flatMap(CourseRoster::syncedAt);
        html.append("<p id=\"synced\">").append(synced.map(t -> "Last updated from the LMS on " + WHEN.format(t) + ".")
                .orElse("Not read from the LMS yet: listed below are the people who have opened Tandem from this course."))
                .append("</p>");
        roster.flatMap(CourseRoster::syncError).ifPresent(e -> html.append("<div class=\"error\" role=\"alert\" id=\"sync-error\">")
                .append(text("The last refresh, on " + roster.flatMap(CourseRoster::syncErrorAt).map(WHEN::format).orElse("?")
                        + ", failed: " + e)).append(" ")
                .append(text(synced.map(t -> "The roster below is the one read on " + WHEN.format(t) + ".")
                        .orElse("The roster below lists the people who have opened Tandem.")))
                .append("</div>"));
        if (refreshing) {
            html.append("<p class=\"notice\" role=\"status\">A refresh is running; reload the page in a moment.</p>");
        }
        if (roster.flatMap(CourseRoster::membershipsUrl).isPresent()) {
            html.append("<form method=\"post\" action=\"/roster/refresh\">").append(tokenField())
                    .append("<button type=\"submit\" id=\"refresh\">Refresh from the LMS</button></form>");
        } else {
            html.append("<p>The LMS has not offered its membership service (Names and Role Provisioning Services) with"
                    + " the launches of this course, so Tandem cannot read the course's members from it. Ask the LMS"
                    + " administrator to enable it for Tandem.</p>");
        }
        return html.append("</section>").toString();
    }

    // ----- the roster by professional group ---------------------------------------------------

    private String roster() {
        StringBuilder html = new StringBuilder("<h2>Learners by professional group</h2>");
        List<RosterMember> learners = pairs.pairing().members();
        for (ProfessionalGroup group : ProfessionalGroup.values()) {
            List<RosterMember> inGroup = learners.stream().filter(m -> m.group() == group)
                    .sorted(java.util.Comparator.comparing(RosterMember::displayName)).toList();
            html.append("<h3>").append(text(groupHeading(group))).append(" (").append(inGroup.size()).append(")</h3>");
            html.append(list("group-" + group.name().toLowerCase(Locale.ROOT), inGroup.stream()
                    .map(m -> text(m.displayName()) + inactive(m.key())).toList(), "None."));
        }
        html.append("<h3>Group not known yet (").append(pairs.groupUnknown().size()).append(")</h3>")
                .append("<p class=\"muted\">They have not opened Tandem yet, so they have not said whether they are a manager"
                        + " or a clinician. They can be paired once they have.</p>")
                .append(list("group-unknown", pairs.groupUnknown().stream()
                        .map(l -> text(l.displayName()) + inactive(l.subject())).toList(), "None."));
        List<CourseMember> left = members.stream().filter(CourseMember::learner)
                .filter(m -> m.status() == CourseMember.Status.LEFT).toList();
        if (!left.isEmpty()) {
            html.append("<h3>Left the course (").append(left.size()).append(")</h3>")
                    .append(list("left", left.stream().map(m -> text(m.displayName())).toList(), ""));
        }
        List<CourseMember> staff = members.stream().filter(m -> !m.learner()).filter(m -> m.status() != CourseMember.Status.LEFT)
                .toList();
        html.append("<h3>Trainers and other staff (").append(staff.size()).append(")</h3>")
                .append(list("staff", staff.stream().map(m -> text(m.displayName()) + " <span class=\"muted\">("
                        + text(m.roles().stream().map(TandemRole::label).collect(Collectors.joining(", "))) + ")</span>").toList(), "None."));
        return html.toString();
    }

    private String inactive(String subject) {
        return members.stream().anyMatch(m -> m.subject().equals(subject) && m.status() == CourseMember.Status.INACTIVE)
                ? " <span class=\"muted\">(inactive in the LMS)</span>" : "";
    }

    // ----- the pairs ----------------------------------------------------------------------------

    private String pairing() {
        Pairing pairing = pairs.pairing();
        StringBuilder html = new StringBuilder("<h2>Pairs</h2>");
        html.append("<p id=\"pairs-state\">").append(pairs.made()
                ? text("Pairs last changed on " + pairs.updatedAt().map(WHEN::format).orElse("?")
                + pairs.updatedBy().map(by -> " by " + by).orElse("") + ".")
                : "No pairs made yet.").append("</p>");
        html.append("<form method=\"post\" action=\"/roster/pairs/automatic\">").append(tokenField()).append(versionField())
                .append("<button type=\"submit\" id=\"pair-automatically\">Pair automatically</button> <span class=\"muted\">")
                .append(pairs.made() ? "Replaces the pairs below. " : "")
                .append("Managers are paired with clinicians; an odd one out joins a pair as a third member, and anyone left"
                        + " over stays unpaired with the reason shown.</span></form>");
        if (!pairing.warnings().isEmpty()) {
            html.append("<div class=\"notice\" id=\"warnings\"><p>Pairs without both groups:</p><ul>");
            pairing.warnings().forEach(w -> html.append("<li>").append(text(w.message())).append("</li>"));
            html.append("</ul></div>");
        }
        if (!pairing.pairs().isEmpty()) {
            html.append("<ol class=\"pairs\" id=\"pairs\">");
            for (int i = 0; i < pairing.pairs().size(); i++) {
                Pair pair = pairing.pairs().get(i);
                html.append("<li data-pair=\"").append(i + 1).append("\"><strong>").append(pair.size() == 3 ? "Trio" : "Pair")
                        .append(":</strong> ").append(pair.members().stream().map(RosterPage::who).collect(Collectors.joining(", ")))
                        .append(" <form method=\"post\" action=\"/roster/pairs/edit\" class=\"inline\">").append(tokenField())
                        .append(versionField()).append("<input type=\"hidden\" name=\"action\" value=\"split\">")
                        .append("<input type=\"hidden\" name=\"member\" value=\"").append(attr(pair.members().get(0).key()))
                        .append("\"><button type=\"submit\" class=\"secondary\">Split</button></form></li>");
            }
            html.append("</ol>");
        }
        html.append("<h3>Not in a pair (").append(pairing.unpaired().size()).append(")</h3>")
                .append(list("unpaired", pairing.unpaired().stream().map(u -> who(u.member()) + " – <span class=\"reason\">"
                        + text(u.reason().description()) + "</span>").toList(), "Everyone is in a pair."));
        if (!pairs.departed().isEmpty()) {
            html.append("<h3>Left since the pairs were made</h3>")
                    .append(list("departed", pairs.departed().stream().map(d -> text(d.displayName())
                            + " – left the course or is no longer a learner in it; taken out of the pairs").toList(), ""));
        }
        return html.toString();
    }

    private String edits() {
        List<RosterMember> everyone = pairs.pairing().members();
        if (everyone.size() < 2) {
            return "";
        }
        List<RosterMember> paired = pairs.pairing().pairs().stream().flatMap(p -> p.members().stream()).toList();
        List<RosterMember> unpaired = pairs.pairing().unpaired().stream().map(Pairing.Unpaired::member).toList();
        StringBuilder html = new StringBuilder("<h2>Change the pairs by hand</h2>");
        if (!paired.isEmpty()) {
            html.append(form("move", "Move a learner into a pair", "Learner", everyone, "Into the pair of", paired,
                    "Move"));
        }
        if (unpaired.size() >= 2) {
            html.append(form("create", "Make a new pair", "First learner", unpaired, "Second learner", unpaired,
                    "Create pair"));
        }
        if (!paired.isEmpty()) {
            html.append(form("unpair", "Take a learner out of their pair", "Learner", paired, null, List.of(), "Take out"));
        }
        return html.toString();
    }

    private String form(String action, String legend, String memberLabel, List<RosterMember> members, String partnerLabel,
                        List<RosterMember> partners, String button) {
        StringBuilder html = new StringBuilder("<form method=\"post\" action=\"/roster/pairs/edit\" id=\"edit-" + action + "\">")
                .append(tokenField()).append(versionField())
                .append("<input type=\"hidden\" name=\"action\" value=\"").append(action).append("\">")
                .append("<fieldset><legend>").append(text(legend)).append("</legend>")
                .append(select(action + "-member", "member", memberLabel, members));
        if (partnerLabel != null) {
            html.append(select(action + "-partner", "partner", partnerLabel, partners));
        }
        html.append("<label class=\"check\"><input type=\"checkbox\" name=\"allow_unmixed\" value=\"yes\"> Allow a pair"
                + " without both a manager and a clinician</label>");
        return html.append("<button type=\"submit\">").append(text(button)).append("</button></fieldset></form>").toString();
    }

    private String select(String id, String name, String label, List<RosterMember> options) {
        StringBuilder html = new StringBuilder("<label for=\"" + id + "\">" + text(label) + "</label><select id=\"" + id
                + "\" name=\"" + name + "\">");
        for (RosterMember m : options) {
            html.append("<option value=\"").append(attr(m.key())).append("\">").append(text(m.displayName() + " ("
                    + lower(m.group()) + ")")).append("</option>");
        }
        return html.append("</select>").toString();
    }

    private static String who(RosterMember m) {
        return text(m.displayName()) + " <span class=\"muted\">(" + text(lower(m.group())) + ")</span>";
    }

    private static String list(String id, List<String> items, String empty) {
        if (items.isEmpty()) {
            return empty.isEmpty() ? "" : "<p class=\"muted\" id=\"" + attr(id) + "\">" + text(empty) + "</p>";
        }
        return "<ul id=\"" + attr(id) + "\">" + items.stream().map(i -> "<li>" + i + "</li>").collect(Collectors.joining())
                + "</ul>";
    }


    private static String groupHeading(ProfessionalGroup group) {
        return switch (group) {
            case MANAGER -> "Managers";
            case CLINICIAN -> "Clinicians";
            case OTHER -> "Other roles";
        };
    }

    private static String lower(ProfessionalGroup group) {
        return group.label().toLowerCase(Locale.ROOT);
    }
}
