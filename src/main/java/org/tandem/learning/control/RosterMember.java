package org.tandem.learning.control;

import java.util.Objects;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * One learner on a course roster, as pairing sees them.
 *
 * @param key          stable learner key (for example the LTI subject); unique within a roster
 * @param displayName  name shown to the trainer and to the partner
 * @param group        the learner's professional group
 */
public record RosterMember(String key, String displayName, ProfessionalGroup group) {

    public RosterMember {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(group, "group");
    }
}
