package org.tandem;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of design.md §2, kept true by the build. */
class ArchitectureTest {

    static JavaClasses tandem;

    @BeforeAll
    static void importMainClasses() {
        tandem = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tandem");
    }

    @Test
    void ltiLibraryKnowsNothingElseOfTandem() {
        noClasses().that().resideInAPackage("org.tandem.lti..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tandem.access..", "org.tandem.demo..",
                        "org.tandem.platform..", "org.tandem.catalogue..", "org.tandem.learning..",
                        "org.tandem.gradebook..", "org.tandem.evaluation..", "org.tandem.admin..",
                        "org.tandem.roster..", "org.tandem.placement..")
                .check(tandem);
    }

    @Test
    void onlyLtiAndTheDemoPlatformTouchJose() {
        // the demo platform is the *other side* of the protocol: it signs its own messages and
        // verifies Tandem's (deep-linking responses, client assertions) as an LMS does
        noClasses().that().resideOutsideOfPackages("org.tandem.lti..", "org.tandem.demo..")
                .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
                .check(tandem);
    }

    @Test
    void domainComponentsNeverImportLti() {
        noClasses().that().resideInAnyPackage("org.tandem.catalogue..", "org.tandem.learning..", "org.tandem.evaluation..")
                .should().dependOnClassesThat().resideInAPackage("org.tandem.lti..")
                .allowEmptyShould(true)
                .check(tandem);
    }

    @Test
    void onlyTheGradebookCallsTheAgsClient() {
        // design.md §2: what goes to the LMS gradebook, and when, is decided in one place
        noClasses().that().resideOutsideOfPackages("org.tandem.lti..", "org.tandem.gradebook..")
                .should().dependOnClassesThat().resideInAPackage("org.tandem.lti.ags..")
                .check(tandem);
    }

    @Test
    void onlyTheRosterCallsTheNrpsClient() {
        // one place decides when the course membership is read and what a failed read keeps; the
        // demo platform serves the other side with the library's media types
        noClasses().that().resideOutsideOfPackages("org.tandem.lti..", "org.tandem.roster..", "org.tandem.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.tandem.lti.nrps..")
                .check(tandem);
    }

    @Test
    void controlsAndEntitiesStayFreeOfRestAndPages() {
        noClasses().that().resideInAnyPackage("..control..", "..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..", "org.tandem.lti.web..")
                .check(tandem);
    }

    @Test
    void restResourcesLiveInBoundaries() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().resideInAnyPackage("..boundary..", "org.tandem.lti.web..")
                .check(tandem);
    }
}
