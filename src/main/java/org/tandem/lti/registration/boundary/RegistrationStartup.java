package org.tandem.lti.registration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.control.RegistrationJson;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.registration.entity.RegistrationSource;

/**
 * At start: makes sure Tandem has a signing key, then loads fixed platform registrations from a JSON file at start ({"platforms":[...]}, the admin
 * API's format) and upserts them. A broken entry is logged with its problems and skipped; the
 * others still load. Runs after the schema migration (the bean named "FlywayMigrator").
 */
@Startup
@Singleton
@DependsOn("FlywayMigrator")
public class RegistrationStartup {

    private static final Logger LOG = Logger.getLogger(RegistrationStartup.class.getName());

    @Inject
    Platforms platforms;

    @Inject
    AdminCredential credential;

    @Inject
    ToolKeys keys;

    @Inject
    @ConfigProperty(name = "tandem.lti.platforms-file", defaultValue = "lti-config/platforms.json")
    String file;

    @Inject
    @ConfigProperty(name = "tandem.lti.clock-skew", defaultValue = "60")
    int defaultSkew;

    @PostConstruct
    void load() {
        credential.csrfToken(); // creates the credential now, so a generated password is logged at start
        keys.signingKey();
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            LOG.fine(() -> "no platform registration file at " + path.toAbsolutePath());
            return;
        }
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(path); JsonReader json = Json.createReader(reader)) {
            root = json.readObject();
        } catch (IOException | RuntimeException e) {
            LOG.severe(() -> "platform registration file " + path.toAbsolutePath() + " could not be read: " + e.getMessage());
            return;
        }
        JsonValue list = root.get("platforms");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            LOG.severe(() -> "platform registration file " + path.toAbsolutePath() + " has no \"platforms\" array");
            return;
        }
        int index = 0;
        for (JsonValue entry : list.asJsonArray()) {
            int i = index++;
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                LOG.severe(() -> path + ": platforms[" + i + "] is not an object; skipped");
                continue;
            }
            RegistrationJson.Parsed parsed = RegistrationJson.parse(entry.asJsonObject(), defaultSkew);
            if (!parsed.problems().isEmpty()) {
                LOG.severe(() -> path + ": platforms[" + i + "] skipped: " + String.join("; ", parsed.problems()));
                continue;
            }
            platforms.register(parsed.registration(), RegistrationSource.FILE, parsed.deploymentIds(), parsed.frameOrigins());
            LOG.info(() -> "AUDIT platform loaded from " + path + ": " + parsed.registration().issuer()
                    + " client_id " + parsed.registration().clientId());
        }
    }
}
