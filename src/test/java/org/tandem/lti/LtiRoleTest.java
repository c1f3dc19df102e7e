package org.tandem.lti;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Roles as platforms send them: LTI Core 1.3 appendix A vocabularies, short names and LTI 1.1 URNs. */
class LtiRoleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner, Learner",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor, Instructor",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper, ContentDeveloper",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor, Mentor",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator, Administrator"})
    void readsContextRoleUris(String uri, String name) {
        LtiRole role = LtiRole.parse(uri);

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.CONTEXT);
        assertThat(role.name()).isEqualTo(name);
        assertThat(role.subRole()).isNull();
        assertThat(role.uri()).isEqualTo(uri);
        assertThat(role.isContext(name)).isTrue();
    }

    @Test
    void readsSubRoleOfContextRole() {
        LtiRole role = LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant");

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.CONTEXT);
        assertThat(role.name()).isEqualTo("Instructor");
        assertThat(role.subRole()).isEqualTo("TeachingAssistant");
        assertThat(role.hasSubRole("teachingassistant")).isTrue();
        assertThat(role.hasSubRole("Grader")).isFalse();
    }

    @Test
    void readsInstitutionRole() {
        LtiRole role = LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty");

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.INSTITUTION);
        assertThat(role.name()).isEqualTo("Faculty");
        assertThat(role.is(LtiRole.Scope.INSTITUTION, "faculty")).isTrue();
        // an institution role is not a role in this course
        assertThat(role.isContext("Faculty")).isFalse();
    }

    @Test
    void readsSystemRole() {
        LtiRole role = LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin");

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.SYSTEM);
        assertThat(role.name()).isEqualTo("SysAdmin");
        assertThat(role.is(LtiRole.Scope.SYSTEM, "SysAdmin")).isTrue();
        assertThat(role.is(LtiRole.Scope.INSTITUTION, "SysAdmin")).isFalse();
    }

    @Test
    void readsInstitutionAdministratorAsInstitutionNotContext() {
        LtiRole role = LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator");

        assertThat(role.is(LtiRole.Scope.INSTITUTION, "Administrator")).isTrue();
        assertThat(role.isContext("Administrator")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Learner", "Instructor", "Mentor", "ContentDeveloper"})
    void readsDeprecatedSimpleNamesAsContextRoles(String simpleName) {
        // LTI Core 1.3 §A.2.2: simple names stand for the context (membership) roles
        LtiRole role = LtiRole.parse(simpleName);

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.CONTEXT);
        assertThat(role.name()).isEqualTo(simpleName);
        assertThat(role.isContext(simpleName.toLowerCase())).isTrue();
    }

    @Test
    void trimsSurroundingWhitespace() {
        LtiRole role = LtiRole.parse("  http://purl.imsglobal.org/vocab/lis/v2/membership#Learner ");

        assertThat(role.isContext("Learner")).isTrue();
        assertThat(role.uri()).isEqualTo("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
    }

    @Test
    void readsLti11ContextRoleUrns() {
        assertThat(LtiRole.parse("urn:lti:role:ims/lis/Instructor").isContext("Instructor")).isTrue();
        assertThat(LtiRole.parse("urn:lti:role:ims/lis/Learner").isContext("Learner")).isTrue();

        LtiRole ta = LtiRole.parse("urn:lti:role:ims/lis/TeachingAssistant/TeachingAssistantSection");
        assertThat(ta.scope()).isEqualTo(LtiRole.Scope.CONTEXT);
        assertThat(ta.name()).isEqualTo("TeachingAssistant");
        assertThat(ta.subRole()).isEqualTo("TeachingAssistantSection");
    }

    @Test
    void readsLti11InstitutionAndSystemRoleUrns() {
        LtiRole institution = LtiRole.parse("urn:lti:instrole:ims/lis/Administrator");
        LtiRole system = LtiRole.parse("urn:lti:sysrole:ims/lis/SysAdmin");

        assertThat(institution.is(LtiRole.Scope.INSTITUTION, "Administrator")).isTrue();
        assertThat(institution.isContext("Administrator")).isFalse();
        assertThat(system.is(LtiRole.Scope.SYSTEM, "SysAdmin")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering",
            "https://example.org/roles#Learner",
            "urn:example:Learner"})
    void leavesForeignVocabulariesUnknown(String uri) {
        LtiRole role = LtiRole.parse(uri);

        assertThat(role.scope()).isEqualTo(LtiRole.Scope.UNKNOWN);
        assertThat(role.isContext("Learner")).isFalse();
        assertThat(role.uri()).isEqualTo(uri);
    }

    @Test
    void equalRolesAreEqualValues() {
        assertThat(LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
                .isEqualTo(LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
                .isNotEqualTo(LtiRole.parse("Learner"));
    }
}
