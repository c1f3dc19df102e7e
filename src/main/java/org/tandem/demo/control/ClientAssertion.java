package org.tandem.demo.control;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;

/**
 * A client assertion as the demo's token endpoint must verify it (Security Framework 1.0 §4.1.1,
 * RFC 7523 §3): signed RS256 by a key Tandem publishes, iss = sub = the client id, aud = the
 * token URL, iat not in the future beyond a few seconds, exp in the future, and a jti. Pure: the
 * jti's single use is checked by {@link DemoAccessTokens}.
 */
public final class ClientAssertion {

    /** Like Moodle, the demo checks iat strictly: Tandem back-dates it by a few seconds for that. */
    static final Duration SKEW = Duration.ofSeconds(5);
    /** An assertion is for one token request; one that claims to live longer is refused. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    /** An assertion whose signature and claims passed; the jti is still to be used up. */
    public record Checked(String jti, Instant expires) {
    }

    private ClientAssertion() {
    }

    public static Checked verify(String jwt, String clientId, String tokenUrl, JWKSet toolKeys, Instant now)
            throws ToolMessageRefused {
        ToolMessage message = ToolMessage.verify(jwt, toolKeys, "the client assertion")
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenUrl, clientId)
                .fresh(now, SKEW, MAX_LIFETIME);
        return new Checked(message.required("jti", ToolMessageRefused.Check.JTI), message.expires());
    }
}
