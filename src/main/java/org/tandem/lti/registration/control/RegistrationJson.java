package org.tandem.lti.registration.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;

/**
 * The JSON form of a registration, shared by the admin API and lti-config/platforms.json:
 * {"issuer","client_id","name","auth_login_url","token_url","jwks_url","deployment_policy",
 * "clock_skew_seconds","deployment_ids":[...]}.
 */
public final class RegistrationJson {

    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;

    private RegistrationJson() {
    }

    public record Parsed(PlatformRegistration registration, List<String> deploymentIds, List<String> frameOrigins,
                         List<String> problems) {
    }

    public static Parsed parse(JsonObject json, int defaultSkewSeconds) {
        List<String> problems = new ArrayList<>();
        DeploymentPolicy policy = DeploymentPolicy.STRICT;
        String policyText = string(json, "deployment_policy");
        if (policyText != null) {
            try {
                policy = DeploymentPolicy.valueOf(policyText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("deployment_policy must be STRICT or ADMIT_NEW, got '" + policyText + "'");
            }
        }
        int skew = defaultSkewSeconds;
        JsonValue skewValue = json.get("clock_skew_seconds");
        if (skewValue instanceof JsonNumber n) {
            try {
                skew = n.intValueExact();
            } catch (ArithmeticException e) {
                // 1e400 or 1.5: intValue() would quietly make them 0 or 1
                problems.add("clock_skew_seconds must be a whole number of seconds, got " + shortened(n.toString()));
            }
        } else if (skewValue != null && skewValue != JsonValue.NULL) {
            problems.add("clock_skew_seconds must be a number");
        }
        List<String> deployments = new ArrayList<>();
        JsonValue ids = json.get("deployment_ids");
        if (ids != null && ids.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue v : ids.asJsonArray()) {
                if (v instanceof JsonString s) {
                    deployments.add(s.getString());
                } else {
                    problems.add("deployment_ids must be strings");
                }
            }
        } else if (ids != null && ids != JsonValue.NULL) {
            problems.add("deployment_ids must be an array of strings");
        }
        problems.addAll(Platforms.deploymentProblems(deployments));
        List<String> frameOrigins = new ArrayList<>();
        JsonValue frames = json.get("frame_origins");
        if (frames != null && frames.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue v : frames.asJsonArray()) {
                if (v instanceof JsonString s && Platform.originOf(s.getString()).isPresent()) {
                    frameOrigins.add(s.getString());
                } else {
                    problems.add("frame_origins must be absolute http(s) origins such as https://trust.instructure.com, got " + v);
                }
            }
        } else if (frames != null && frames != JsonValue.NULL) {
            problems.add("frame_origins must be an array of origins");
        }
        String issuer = string(json, "issuer");
        String name = string(json, "name");
        PlatformRegistration registration = new PlatformRegistration(issuer, string(json, "client_id"),
                name == null || name.isBlank() ? (issuer == null ? "" : issuer) : name,
                string(json, "auth_login_url"), Optional.ofNullable(string(json, "token_url")).filter(s -> !s.isBlank()),
                string(json, "jwks_url"), policy, Duration.ofSeconds(skew));
        problems.addAll(registration.problems());
        return new Parsed(registration, deployments, frameOrigins, problems);
    }

    public static JsonObject toJson(Platform p) {
        JsonArrayBuilder deployments = Json.createArrayBuilder();
        JsonArrayBuilder ids = Json.createArrayBuilder();
        p.deployments().forEach(d -> {
            ids.add(d.deploymentId());
            deployments.add(Json.createObjectBuilder().add("deployment_id", d.deploymentId())
                    .add("admitted_by_policy", d.admittedByPolicy()).add("created_at", d.createdAt().toString()));
        });
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", p.id())
                .add("issuer", p.issuer())
                .add("client_id", p.clientId())
                .add("name", p.name())
                .add("auth_login_url", p.authLoginUrl())
                .add("jwks_url", p.jwksUrl())
                .add("deployment_policy", p.deploymentPolicy().name())
                .add("clock_skew_seconds", p.clockSkew().toSeconds())
                .add("source", p.source().name())
                .add("created_at", p.createdAt().toString())
                .add("deployment_ids", ids)
                .add("frame_origins", Json.createArrayBuilder(List.copyOf(p.frameOrigins())))
                .add("deployments", deployments);
        p.tokenUrl().ifPresentOrElse(t -> b.add("token_url", t), () -> b.addNull("token_url"));
        return b.build();
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String string(JsonObject json, String key) {
        JsonValue v = json.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
