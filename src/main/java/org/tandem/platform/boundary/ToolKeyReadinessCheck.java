package org.tandem.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.registration.entity.ToolKey;

/** Ready when Tandem has an active signing key (platforms need it to trust Tandem's messages). */
@Readiness
@ApplicationScoped
public class ToolKeyReadinessCheck implements HealthCheck {

    @Inject
    ToolKeys keys;

    @Override
    public HealthCheckResponse call() {
        try {
            var active = keys.all().stream().filter(ToolKey::active).findFirst();
            return HealthCheckResponse.named("tool-key")
                    .status(active.isPresent())
                    .withData("kid", active.map(ToolKey::kid).orElse("none"))
                    .withData("published", keys.all().size())
                    .withData("jose", ToolKeys.joseLibrary())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("tool-key").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
