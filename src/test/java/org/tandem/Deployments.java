package org.tandem;

import java.io.File;
import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The Tandem WAR for integration tests, built like the real one: every main class and resource
 * (target/classes), the runtime libraries from the pom, served at the root context.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive tandem() {
        File[] libs = Maven.resolver()
                .loadPomFromFile("pom.xml")
                .importCompileAndRuntimeDependencies()
                .resolve()
                .withTransitivity()
                .asFile();
        GenericArchive classes = ShrinkWrap.create(GenericArchive.class)
                .as(ExplodedImporter.class)
                .importDirectory("target/classes")
                .as(GenericArchive.class);
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(classes, "/WEB-INF/classes")
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/glassfish-web.xml"), "glassfish-web.xml")
                .addAsLibraries(libs);
    }
}
