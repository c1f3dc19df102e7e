package org.tandem.lti.registration.entity;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The values an administrator (or a dynamic registration) gives for one platform. */
public record PlatformRegistration(String issuer, String clientId, String name, String authLoginUrl,
                                   Optional<String> tokenUrl, String jwksUrl,
                                   DeploymentPolicy deploymentPolicy, Duration clockSkew) {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    /** Every problem with these values, in words an administrator can act on; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        requireUrl(problems, "issuer", issuer, true);
        maxLength(problems, "issuer", issuer, 512);
        maxLength(problems, "client_id", clientId, 255);
        maxLength(problems, "name", name, 255);
        maxLength(problems, "auth_login_url", authLoginUrl, 1024);
        maxLength(problems, "jwks_url", jwksUrl, 1024);
        tokenUrl.ifPresent(t -> maxLength(problems, "token_url", t, 1024));
        if (clientId == null || clientId.isBlank()) {
            problems.add("client_id is required (the platform shows it when the tool is registered)");
        }
        requireUrl(problems, "auth_login_url", authLoginUrl, true);
        requireUrl(problems, "jwks_url", jwksUrl, true);
        tokenUrl.ifPresent(t -> requireUrl(problems, "token_url", t, false));
        if (deploymentPolicy == null) {
            problems.add("deployment_policy must be STRICT or ADMIT_NEW");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            problems.add("clock_skew_seconds must be between 0 and " + MAX_CLOCK_SKEW.toSeconds());
        }
        return problems;
    }

    private static void maxLength(List<String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
    }

    private static void requireUrl(List<String> problems, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " is required");
            }
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
                problems.add(field + " must be an absolute http(s) URL, got '" + value + "'");
            }
        } catch (Exception e) {
            problems.add(field + " is not a valid URL: '" + value + "'");
        }
    }
}
