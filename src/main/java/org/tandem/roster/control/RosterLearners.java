package org.tandem.roster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.tandem.learning.control.CourseLearners;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.CourseLearner;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.CourseMember;

/**
 * The roster's answer to learning's question "who learns in this course": learner-role members,
 * current unless they left. People with a trainer or administrator role are not learners here,
 * even if the platform also gives them a learner role.
 */
@ApplicationScoped
public class RosterLearners implements CourseLearners {

    @Inject
    CourseMembers members;

    public RosterLearners() {
    }

    public RosterLearners(CourseMembers members) {
        this.members = members;
    }

    @Override
    public List<CourseLearner> of(Course course) {
        return members.all(new CourseKey(course.platformId(), course.deploymentId(), course.contextId())).stream()
                .map(m -> new CourseLearner(m.subject(), m.displayName(), m.learner() && m.status() != CourseMember.Status.LEFT))
                .toList();
    }
}
