package org.tandem.roster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tandem.access.control.RoleMapping;
import org.tandem.lti.nrps.Member;
import org.tandem.lti.nrps.MembershipContainer;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;
import org.tandem.roster.entity.SyncReport;

/**
 * The steps of a roster refresh, each in the caller's transaction: where the membership is read
 * from, writing a complete membership over the course's members, recording a failure. Writing
 * happens only with a membership read to its last page, so a failure leaves the roster as it was.
 */
@ApplicationScoped
public class RosterSync {

    @Inject
    CourseMembers members;

    @Inject
    Platforms platforms;

    Clock clock = Clock.systemUTC();

    public RosterSync() {
    }

    /** For tests outside a container. */
    public RosterSync(CourseMembers members, Platforms platforms, Clock clock) {
        this.members = members;
        this.platforms = platforms;
        this.clock = clock;
    }

    /** Where and as whom the course's membership is read. */
    public record Source(URI tokenUrl, String clientId, URI membershipsUrl) {
        public Source {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(membershipsUrl, "membershipsUrl");
        }
    }

    /** The roster cannot be read at all; the message says what to set up. */
    public static class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The platform registration's token URL and client_id, and the memberships URL the course's
     * launches offered. Throws {@link Unavailable} naming what is missing.
     */
    public Source source(CourseKey course) {
        String url = members.findRoster(course).flatMap(CourseRoster::membershipsUrl).orElseThrow(() -> new Unavailable(
                "The course's launches have not offered the platform's membership service (the LTI Names and Role"
                        + " Provisioning Services claim), so Tandem lists only the people who have opened it. Ask the LMS"
                        + " administrator to enable Names and Role Provisioning Services for the tool."));
        Platform platform = platforms.find(course.platformId()).orElseThrow(() -> new Unavailable(
                "The platform this course belongs to is no longer registered in Tandem."));
        String tokenUrl = platform.tokenUrl().orElseThrow(() -> new Unavailable("The registration of " + platform.name()
                + " in Tandem has no token URL, which the membership service needs: add it on Tandem's admin page."));
        try {
            return new Source(URI.create(tokenUrl), platform.clientId(), URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new Unavailable("The membership service address " + url + " or token URL " + tokenUrl + " is not a URL.");
        }
    }

    /**
     * Writes a complete membership: every listed member's name, email, roles and status; everyone
     * Tandem knew in the course and the platform no longer lists has left. A membership naming
     * another context is refused, as writing it would put one course's people into another.
     */
    public SyncReport apply(CourseKey course, MembershipContainer membership) {
        if (membership.contextId().isPresent() && !membership.contextId().get().equals(course.contextId())) {
            return failed(course, "The membership service answered for the context '" + membership.contextId().get()
                    + "', not for this course ('" + course.contextId() + "'); nothing was changed. Open Tandem from the"
                    + " course again so it learns the course's own membership address.");
        }
        var now = clock.instant();
        Map<String, CourseMember> known = new HashMap<>();
        members.all(course).forEach(m -> known.put(m.subject(), m));
        int listed = 0;
        for (Member m : membership.members()) {
            CourseMember row = known.remove(m.userId());
            if (row == null) {
                row = members.add(course, m.userId());
            }
            if (m.status() == Member.Status.DELETED) {
                row.left(now);
                continue;
            }
            row.listed(m.displayName().orElse(null), m.email(), RoleMapping.map(m.roles(), Map.of()),
                    m.status() == Member.Status.INACTIVE ? CourseMember.Status.INACTIVE : CourseMember.Status.ACTIVE, now);
            listed++;
        }
        int left = 0;
        for (CourseMember gone : known.values()) {
            if (gone.status() != CourseMember.Status.LEFT) {
                gone.left(now);
                left++;
            }
        }
        members.roster(course).synced(now);
        return SyncReport.synced(listed, left, membership.pages());
    }

    /** Records why the refresh failed; the members stay as they were. */
    public SyncReport failed(CourseKey course, String reason) {
        members.roster(course).syncFailed(reason, clock.instant());
        return SyncReport.failed(reason);
    }

    /** Whether a launch should refresh this course's roster now. */
    public boolean due(CourseKey course, Duration maxAge) {
        return members.findRoster(course).map(r -> r.dueForRefresh(clock.instant(), maxAge)).orElse(false);
    }
}
