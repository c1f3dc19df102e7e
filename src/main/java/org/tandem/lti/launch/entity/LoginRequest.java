package org.tandem.lti.launch.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parameters of a third-party initiated login (Security Framework §5.1.1.1, LTI Core §4.1). */
public record LoginRequest(String issuer, String loginHint, String targetLinkUri, Optional<String> ltiMessageHint,
                           Optional<String> clientId, Optional<String> deploymentId, Optional<String> storageTarget) {

    /** Names of the required parameters that are missing. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (issuer == null || issuer.isBlank()) {
            missing.add("iss");
        }
        if (loginHint == null || loginHint.isBlank()) {
            missing.add("login_hint");
        }
        if (targetLinkUri == null || targetLinkUri.isBlank()) {
            missing.add("target_link_uri");
        }
        return missing;
    }

    /**
     * Values longer than Tandem keeps (the lti_login_state and launch record columns), each named
     * with its limit. The platform treats the hints as opaque, so they are never shortened:
     * refused whole. Moodle's lti_message_hint is about a hundred characters; the limits leave
     * ample room.
     */
    public List<String> tooLong() {
        List<String> problems = new ArrayList<>();
        limit(problems, "iss", issuer, 512);
        limit(problems, "login_hint", loginHint, 1024);
        limit(problems, "target_link_uri", targetLinkUri, 2048);
        limit(problems, "lti_message_hint", ltiMessageHint.orElse(null), 2048);
        limit(problems, "client_id", clientId.orElse(null), 255);
        limit(problems, "lti_deployment_id", deploymentId.orElse(null), 255);
        limit(problems, "lti_storage_target", storageTarget.orElse(null), 255);
        return problems;
    }

    private static void limit(List<String> problems, String name, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(name + " is " + value.length() + " characters long; Tandem takes at most " + max);
        }
    }
}
