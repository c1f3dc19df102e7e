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
}
