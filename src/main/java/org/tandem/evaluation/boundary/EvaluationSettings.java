package org.tandem.evaluation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.evaluation.control.Suppression;

/**
 * Checks the evaluation's configuration when Tandem starts: a minimum group size below the floor
 * of {@value Suppression#FLOOR} is a mistake to surface at once (the deployment fails with the
 * reason), not on the first evaluator's page.
 */
@ApplicationScoped
public class EvaluationSettings {

    private static final Logger LOG = Logger.getLogger(EvaluationSettings.class.getName());

    @Inject
    @ConfigProperty(name = "tandem.learning.minimum-group-size", defaultValue = "8")
    int minimumGroupSize;

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            new Suppression(minimumGroupSize);
        } catch (IllegalArgumentException e) {
            LOG.severe("tandem.learning.minimum-group-size (TANDEM_LEARNING_MINIMUM_GROUP_SIZE): " + e.getMessage());
            throw e;
        }
    }
}
