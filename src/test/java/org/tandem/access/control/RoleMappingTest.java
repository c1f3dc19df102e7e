package org.tandem.access.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tandem.access.entity.TandemRole;
import org.tandem.lti.LtiRole;

class RoleMappingTest {

    private static Set<TandemRole> map(Map<String, String> custom, String... roles) {
        return RoleMapping.map(Stream.of(roles).map(LtiRole::parse).collect(Collectors.toSet()), custom);
    }

    private static Set<TandemRole> map(String... roles) {
        return map(Map.of(), roles);
    }

    @Test
    void learnerFromMembershipOrInstitutionRole() {
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")).containsExactly(TandemRole.LEARNER);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student")).containsExactly(TandemRole.LEARNER);
        assertThat(map("Learner")).containsExactly(TandemRole.LEARNER);
    }

    @Test
    void trainerFromInstructorTeachingAssistantAndContentDeveloper() {
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")).containsExactly(TandemRole.TRAINER);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"))
                .containsExactly(TandemRole.TRAINER);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper")).containsExactly(TandemRole.TRAINER);
        assertThat(map("urn:lti:role:ims/lis/Instructor")).containsExactly(TandemRole.TRAINER);
    }

    @Test
    void evaluatorFromMentorReviewerOrAuditor() {
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Reviewer")).containsExactly(TandemRole.EVALUATOR);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Auditor")).containsExactly(TandemRole.EVALUATOR);
    }

    @Test
    void plainMentorIsNotAnEvaluator() {
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor")).containsExactly(TandemRole.LEARNER);
    }

    @Test
    void customEvaluatorParameterCountsForTrainersOnly() {
        Map<String, String> custom = Map.of("tandem_role", "evaluator");
        assertThat(map(custom, "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"))
                .containsExactlyInAnyOrder(TandemRole.TRAINER, TandemRole.EVALUATOR);
        // every learner who opens the link sends the same custom parameter: it must not promote them
        assertThat(map(custom, "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")).containsExactly(TandemRole.LEARNER);
    }

    @Test
    void administratorFromSystemInstitutionOrContextRole() {
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator")).containsExactly(TandemRole.ADMIN);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator")).containsExactly(TandemRole.ADMIN);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator")).containsExactly(TandemRole.ADMIN);
    }

    @Test
    void noRecognisedRoleMeansLearner() {
        assertThat(map()).containsExactly(TandemRole.LEARNER);
        assertThat(map("http://example.org/roles#Visitor")).containsExactly(TandemRole.LEARNER);
        assertThat(map("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty")).containsExactly(TandemRole.LEARNER);
    }

    @Test
    void primaryRoleIsTheMostPrivileged() {
        assertThat(RoleMapping.primary(Set.of(TandemRole.LEARNER, TandemRole.TRAINER))).isEqualTo(TandemRole.TRAINER);
        assertThat(RoleMapping.primary(Set.of(TandemRole.TRAINER, TandemRole.EVALUATOR))).isEqualTo(TandemRole.EVALUATOR);
        assertThat(RoleMapping.primary(Set.of())).isEqualTo(TandemRole.LEARNER);
    }
}
