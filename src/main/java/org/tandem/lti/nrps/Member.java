package org.tandem.lti.nrps;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tandem.lti.LtiRole;

/**
 * One member of a context as the platform lists it (NRPS 2.0, "Membership container media type").
 * The user_id is the same stable id the platform sends as {@code sub} in launches.
 */
public record Member(String userId, Set<LtiRole> roles, Status status, Optional<String> name,
                     Optional<String> givenName, Optional<String> familyName, Optional<String> email) {

    /**
     * The membership status. The spec defines Active, Inactive and Deleted; a member without a
     * status is Active. Deleted appears in difference responses, for members who left the context.
     */
    public enum Status { ACTIVE, INACTIVE, DELETED }

    public Member {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(email, "email");
    }

    /** The best name a page can show: name, else given + family, else empty (the platform withheld names). */
    public Optional<String> displayName() {
        if (name.isPresent() && !name.get().isBlank()) {
            return name;
        }
        String joined = (givenName.orElse("") + " " + familyName.orElse("")).trim();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }
}
