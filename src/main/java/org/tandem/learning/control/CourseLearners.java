package org.tandem.learning.control;

import java.util.List;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.CourseLearner;

/**
 * Who is in a course, as the course's roster knows it. Learning reads people through this and
 * never the roster's tables; the roster component provides it (so learning does not depend on it).
 */
public interface CourseLearners {

    /** Every learner Tandem knows in the course, those no longer on it included ({@code current = false}). */
    List<CourseLearner> of(Course course);
}
