package org.tandem.catalogue.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.control.PackRejected;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.ImportResult;
import org.tandem.catalogue.entity.PackSource;

/**
 * Publishes the starter pack that ships with Tandem ({@code content/starter/} on the class
 * path) at start, after the schema migration. A new version in a release is published; the same
 * version is left alone. A broken starter pack is logged problem by problem and Tandem starts
 * anyway, with whatever it published before.
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class StarterPackImport {

    static final String STARTER = "content/starter";

    private static final Logger LOG = Logger.getLogger(StarterPackImport.class.getName());

    @Inject
    PackReader reader;

    @Inject
    Catalogue catalogue;

    // Bean-managed: a failed import must roll back alone, never fail the start of the application.
    @Resource
    UserTransaction transaction;

    @PostConstruct
    void importStarterPack() {
        ContentPack pack;
        try {
            pack = reader.readClasspath(StarterPackImport.class.getClassLoader(), STARTER);
        } catch (PackRejected e) {
            rejected(e);
            return;
        }
        try {
            transaction.begin();
            ImportResult result = catalogue.importPack(pack, PackSource.STARTER);
            transaction.commit();
            LOG.info(() -> "Starter content pack " + result.packId() + " version " + result.version() + ": "
                    + result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        } catch (PackRejected e) {
            rollback();
            rejected(e);
        } catch (Exception e) {
            rollback();
            // e.g. another instance published the same version a moment earlier
            LOG.log(Level.SEVERE, "Starter content pack " + pack.id() + " version " + pack.version()
                    + " could not be stored: " + e, e);
        }
    }

    private void rejected(PackRejected e) {
        LOG.severe(() -> "Starter content pack rejected with " + e.problems().size() + " problem(s); Tandem starts without it");
        e.problems().forEach(p -> LOG.severe(() -> "starter pack: " + p.file() + " " + p.path() + ": " + p.message()));
    }

    private void rollback() {
        try {
            transaction.rollback();
        } catch (Exception ignored) {
            // no transaction, or already rolled back
        }
    }
}
