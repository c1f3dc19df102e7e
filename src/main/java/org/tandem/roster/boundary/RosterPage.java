package org.tandem.roster.boundary;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tandem.access.entity.LaunchSession;
import org.tandem.learning.control.CoursePairs;
import org.tandem.learning.control.Pair;
import org.tandem.learning.control.Pairing;
import org.tandem.learning.control.RosterMember;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.Pages;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;

/**
 * Builds the roster and pairs page's view (drawn by roster/boundary/roster.jte). Every form
 * carries the launch token (it is the CSRF token too) and the pairs' version, so an edit made
 * from an out-of-date page is refused, not applied.
 */
final class RosterPage {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    /** The view of roster/boundary/roster.jte. */
    public record Roster(String person, String token, int version, String course, List<String> errors, List<String> notices,
                         Sync sync, List<People> groups, People unknown, Optional<People> left, People staff, Pairs pairs,
                         List<EditForm> edits) {
    }

    /** How the last refresh from the LMS went, and whether the trainer can start one. */
    public record Sync(String state, Optional<String> error, boolean refreshing, boolean canRefresh) {
    }

    /** A list of people under a heading; {@code empty} is shown instead of an empty list (nothing when blank). */
    public record People(String id, String heading, List<Person> people, String empty) {
    }

    /** A name, with what the page says about them in brackets (group, roles, inactive). */
    public record Person(String name, Optional<String> note) {
    }

    public record Pairs(String state, boolean made, List<String> warnings, List<PairRow> pairs, List<Unpaired> unpaired,
                        List<String> departed) {
    }

    /** A pair or trio, and the member whose key its Split button sends. */
    public record PairRow(int number, boolean trio, List<Person> members, String firstKey) {
    }

    public record Unpaired(Person who, String reason) {
    }

    /** A hand edit: its action, legend, the member (and partner) to choose and the button. */
    public record EditForm(String action, String legend, Choice member, Optional<Choice> partner, String button) {
    }

    public record Choice(String label, List<Option> options) {
    }

    public record Option(String key, String label) {
    }

    private final Pages pages;
    private final LaunchSession session;
    private final String token;
    private final Optional<CourseRoster> roster;
    private final List<CourseMember> members;
    private final CoursePairs pairs;
    private final boolean refreshing;
    private final List<String> notices = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    RosterPage(Pages pages, LaunchSession session, String token, Optional<CourseRoster> roster,
               List<CourseMember> members, CoursePairs pairs, boolean refreshing) {
        this.pages = pages;
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
        List<People> groups = new ArrayList<>();
        List<RosterMember> learners = pairs.pairing().members();
        for (ProfessionalGroup group : ProfessionalGroup.values()) {
            List<RosterMember> inGroup = learners.stream().filter(m -> m.group() == group)
                    .sorted(Comparator.comparing(RosterMember::displayName)).toList();
            groups.add(new People("group-" + group.name().toLowerCase(Locale.ROOT),
                    pages.text("roster.group." + group.name(), inGroup.size()),
                    inGroup.stream().map(m -> new Person(m.displayName(), inactive(m.key()))).toList(), pages.text("roster.none")));
        }
        People unknown = new People("group-unknown", pages.text("roster.unknown", pairs.groupUnknown().size()),
                pairs.groupUnknown().stream().map(l -> new Person(l.displayName(), inactive(l.subject()))).toList(),
                pages.text("roster.none"));
        List<CourseMember> left = members.stream().filter(CourseMember::learner)
                .filter(m -> m.status() == CourseMember.Status.LEFT).toList();
        List<CourseMember> staff = members.stream().filter(m -> !m.learner()).filter(m -> m.status() != CourseMember.Status.LEFT)
                .toList();
        return pages.page(status, "roster/boundary/roster.jte", new Roster(session.person().displayName(), token, pairs.version(),
                session.tenancy().contextTitle().orElse(pages.text("roster.course.unnamed")), errors, notices, sync(), groups, unknown,
                left.isEmpty() ? Optional.empty() : Optional.of(new People("left", pages.text("roster.left", left.size()),
                        left.stream().map(m -> new Person(m.displayName(), Optional.empty())).toList(), "")),
                new People("staff", pages.text("roster.staff", staff.size()), staff.stream().map(m -> new Person(m.displayName(),
                        Optional.of(String.join(pages.text("list.separator"), m.roles().stream()
                                .map(r -> pages.text("role." + r.name())).toList())))).toList(), pages.text("roster.none")),
                pairing(), edits()));
    }

    private Sync sync() {
        Optional<Instant> synced = roster.flatMap(CourseRoster::syncedAt);
        Optional<String> error = roster.flatMap(CourseRoster::syncError).map(e -> pages.text("roster.sync.failed",
                roster.flatMap(CourseRoster::syncErrorAt).map(WHEN::format).orElse("?"), e,
                synced.map(t -> pages.text("roster.sync.kept", WHEN.format(t))).orElse(pages.text("roster.sync.launches"))));
        return new Sync(synced.map(t -> pages.text("roster.synced", WHEN.format(t))).orElse(pages.text("roster.synced.never")),
                error, refreshing, roster.flatMap(CourseRoster::membershipsUrl).isPresent());
    }

    private Optional<String> inactive(String subject) {
        return members.stream().anyMatch(m -> m.subject().equals(subject) && m.status() == CourseMember.Status.INACTIVE)
                ? Optional.of(pages.text("roster.inactive")) : Optional.empty();
    }

    private Pairs pairing() {
        Pairing pairing = pairs.pairing();
        String state = pairs.made() ? pages.text(pairs.updatedBy().isPresent() ? "roster.pairs.changedBy" : "roster.pairs.changed",
                pairs.updatedAt().map(WHEN::format).orElse("?"), pairs.updatedBy().orElse("")) : pages.text("roster.pairs.none");
        List<PairRow> rows = new ArrayList<>();
        for (int i = 0; i < pairing.pairs().size(); i++) {
            Pair pair = pairing.pairs().get(i);
            rows.add(new PairRow(i + 1, pair.size() == 3, pair.members().stream().map(this::who).toList(), pair.members().get(0).key()));
        }
        return new Pairs(state, pairs.made(), pairing.warnings().stream().map(Pairing.Warning::message).toList(), rows,
                pairing.unpaired().stream().map(u -> new Unpaired(who(u.member()), pages.text("unpaired." + u.reason().name()))).toList(),
                pairs.departed().stream().map(d -> pages.text("roster.departed", d.displayName())).toList());
    }

    private List<EditForm> edits() {
        List<RosterMember> everyone = pairs.pairing().members();
        if (everyone.size() < 2) {
            return List.of();
        }
        List<RosterMember> paired = pairs.pairing().pairs().stream().flatMap(p -> p.members().stream()).toList();
        List<RosterMember> unpaired = pairs.pairing().unpaired().stream().map(Pairing.Unpaired::member).toList();
        List<EditForm> forms = new ArrayList<>();
        if (!paired.isEmpty()) {
            forms.add(form("move", choice("roster.edit.learner", everyone), Optional.of(choice("roster.edit.into", paired))));
        }
        if (unpaired.size() >= 2) {
            forms.add(form("create", choice("roster.edit.first", unpaired), Optional.of(choice("roster.edit.second", unpaired))));
        }
        if (!paired.isEmpty()) {
            forms.add(form("unpair", choice("roster.edit.learner", paired), Optional.empty()));
        }
        return forms;
    }

    private EditForm form(String action, Choice member, Optional<Choice> partner) {
        return new EditForm(action, pages.text("roster.edit." + action), member, partner, pages.text("roster.edit." + action + ".button"));
    }

    private Choice choice(String labelKey, List<RosterMember> options) {
        return new Choice(pages.text(labelKey), options.stream().map(m -> new Option(m.key(), pages.text("roster.option",
                m.displayName(), lower(m.group())))).toList());
    }

    private Person who(RosterMember m) {
        return new Person(m.displayName(), Optional.of(lower(m.group())));
    }

    private String lower(ProfessionalGroup group) {
        return pages.text("group.lower." + group.name());
    }
}
