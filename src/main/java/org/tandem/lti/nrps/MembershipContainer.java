package org.tandem.lti.nrps;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A context's whole membership, read from every page the platform offered. Each user_id appears
 * once: a member listed again on a later page (enrolments changed while paging) is kept as first seen.
 *
 * @param url       the context memberships URL the first page came from
 * @param contextId the context id the platform named in the container, when it named one
 * @param members   every member, in the platform's order
 * @param pages     how many pages were read
 */
public record MembershipContainer(URI url, Optional<String> contextId, List<Member> members, int pages) {

    public MembershipContainer {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contextId, "contextId");
        members = List.copyOf(members);
    }
}
