package org.tandem.learning.entity;

import java.util.Objects;

/**
 * A learner of a course as the course's roster knows them: the platform's id for the person,
 * the name trainers and partners see, and whether they are on the course now (not left, and
 * still a learner there).
 */
public record CourseLearner(String subject, String displayName, boolean current) {

    public CourseLearner {
        Objects.requireNonNull(subject, "subject");
        displayName = displayName == null || displayName.isBlank() ? subject : displayName;
    }
}
