package org.tandem.lti.launch.control;

/**
 * The checks a launch passes, in the order they run, each with the HTTP status a failure gets
 * and what an administrator should look at. Diagnostics list them by these names.
 */
public enum LaunchCheck {
    PLATFORM(400, "the issuer and client_id are registered"),
    STATE(400, "the state came from a login initiation of this tool and has not expired"),
    STATE_BINDING(401, "the state is bound to this browser (cookie or platform storage)"),
    TOKEN_FORMAT(400, "the id_token is a signed JWT"),
    KEY_ID(401, "the id_token header names the platform key that signed it (kid)"),
    SIGNATURE(401, "the id_token signature verifies with a key from the platform JWKS"),
    ISSUER(401, "iss is the registered issuer"),
    AUDIENCE(401, "aud contains the registered client_id"),
    AUTHORIZED_PARTY(401, "azp is present with several audiences and is the client_id"),
    EXPIRY(401, "exp is in the future (within the clock tolerance)"),
    ISSUED_AT(401, "iat is not in the future (within the clock tolerance)"),
    NONCE(401, "nonce is the one sent at login and is used once"),
    DEPLOYMENT(403, "deployment_id is registered for this platform"),
    MESSAGE_TYPE(400, "message_type is one this tool accepts"),
    VERSION(400, "version is 1.3.0"),
    REQUIRED_CLAIMS(400, "the claims required for the message type are present"),
    CLAIM_VALUES(400, "claims have the types LTI Core gives them and ids and URLs fit Tandem's limits");

    private final int status;
    private final String description;

    LaunchCheck(int status, String description) {
        this.status = status;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }
}
