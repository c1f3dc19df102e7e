package org.tandem;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

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
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..", "org.tandem.lti.web..",
                        "gg.jte..")
                .check(tandem);
    }

    /** A class the jte build made from a template (and the content blocks inside it). */
    private static final String TEMPLATE_CLASS = ".*\\.Jte[A-Za-z0-9_]*Generated(\\$.*)?";

    @Test
    void theLtiLibrarysTemplatesAreLtiClasses() {
        // templates compile into the package their folder names, so the lti rule above holds them too
        assertThat(tandem.contain("org.tandem.lti.web.JtepageGenerated")).isTrue();
        assertThat(tandem.contain("org.tandem.platform.boundary.JtepageGenerated")).isTrue();
    }

    @Test
    void onlyTemplatesWriteMarkup() {
        // markup reaches a page through a template or not at all: no boundary writes to jte's output
        // itself, so nothing can slip a hand-made string past the templates' escaping
        noClasses().that().haveNameNotMatching(TEMPLATE_CLASS)
                .and().doNotHaveFullyQualifiedName("org.tandem.platform.boundary.HtmlOutput")
                // by name: jte's output types are not imported, and resolving their hierarchy costs seconds
                .should().callMethodWhere(target(owner(nameMatching("gg\\.jte\\..*Output")))
                        .and(target(nameMatching("write(Content|UnsafeContent|BinaryContent)"))))
                .orShould().implement(gg.jte.Content.class)
                .check(tandem);
    }

    @Test
    void onlySafeHtmlOffersMarkup() {
        // templates may write $unsafe{x.markup()} (TemplateSourcesTest): markup() must mean sanitised
        methods().that().haveName("markup")
                .should().beDeclaredIn(org.tandem.catalogue.control.SafeHtml.class)
                .check(tandem);
    }

    @Test
    void restResourcesLiveInBoundaries() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().resideInAnyPackage("..boundary..", "org.tandem.lti.web..")
                .check(tandem);
    }
}
