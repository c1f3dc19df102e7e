package org.tandem.demo.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.demo.control.ToolMessageRefused.Check;

/**
 * A JWT Tandem signed, as the platform side reads it (Security Framework 1.0 §5.1.3 and §5.2):
 * a compact JWS, RS256 only, signed with a key that Tandem publishes in its JWKS under the
 * header's kid. Only then are its claims read, through the checks below, each of which names
 * the rule it enforces when it refuses.
 */
public final class ToolMessage {

    private final JWTClaimsSet claims;

    private ToolMessage(JWTClaimsSet claims) {
        this.claims = claims;
    }

    /**
     * Verifies the signature against Tandem's published keys.
     *
     * @param toolKeys the public keys Tandem publishes at its JWKS URL
     * @param what     names the message in refusals, e.g. "the deep-linking response"
     */
    public static ToolMessage verify(String compact, JWKSet toolKeys, String what) throws ToolMessageRefused {
        if (compact == null || compact.isBlank()) {
            throw new ToolMessageRefused(Check.FORMAT, what + " is missing");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact.strip());
        } catch (ParseException e) {
            // unsigned ("alg": "none") tokens are not JWS either and end here
            throw new ToolMessageRefused(Check.FORMAT, what + " is not a signed JWT (compact JWS): " + e.getMessage());
        }
        // Security Framework §5.1.3 (and the platforms that follow it): RS256; never "none" or a MAC
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg)) {
            throw new ToolMessageRefused(Check.ALGORITHM, what + " is signed with " + alg + "; only RS256 is accepted");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new ToolMessageRefused(Check.KEY, what + " has no kid in its header, so no published key can be chosen");
        }
        JWK key = toolKeys.getKeyByKeyId(kid);
        if (!(key instanceof RSAKey rsa)) {
            throw new ToolMessageRefused(Check.KEY, what + " names key '" + kid + "', which Tandem does not publish "
                    + "in its JWKS (published: " + toolKeys.getKeys().stream().map(JWK::getKeyID).toList() + ")");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(rsa.toPublicJWK()))) {
                throw new ToolMessageRefused(Check.SIGNATURE, "the signature of " + what + " does not verify with Tandem's key '"
                        + kid + "': it was altered or signed with another key");
            }
            return new ToolMessage(jwt.getJWTClaimsSet());
        } catch (JOSEException e) {
            throw new ToolMessageRefused(Check.SIGNATURE, "the signature of " + what + " could not be checked: " + e.getMessage());
        } catch (ParseException e) {
            throw new ToolMessageRefused(Check.FORMAT, "the payload of " + what + " is not a JSON claims set");
        }
    }

    /** iss must be exactly the expected value (for a tool's messages: its client_id). */
    public ToolMessage issuer(String expected) throws ToolMessageRefused {
        if (!expected.equals(claims.getIssuer())) {
            throw new ToolMessageRefused(Check.ISSUER, "iss is '" + claims.getIssuer() + "', but must be the client id '"
                    + expected + "' this platform gave Tandem");
        }
        return this;
    }

    /** sub must be exactly the expected value. */
    public ToolMessage subject(String expected) throws ToolMessageRefused {
        if (!expected.equals(claims.getSubject())) {
            throw new ToolMessageRefused(Check.SUBJECT, "sub is '" + claims.getSubject() + "', but must be the client id '"
                    + expected + "'");
        }
        return this;
    }

    /**
     * aud must contain the expected value; with several audiences, azp must name the client
     * (OpenID Connect Core §2, which the Security Framework follows).
     */
    public ToolMessage audience(String expected, String clientId) throws ToolMessageRefused {
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(expected)) {
            throw new ToolMessageRefused(Check.AUDIENCE, "aud is " + audience + ", but must contain '" + expected + "'");
        }
        Object azp = claims.getClaim("azp");
        if ((audience.size() > 1 || azp != null) && !clientId.equals(azp)) {
            throw new ToolMessageRefused(Check.AUTHORIZED_PARTY, "azp is '" + azp + "', but must be the client id '"
                    + clientId + "'" + (audience.size() > 1 ? " when aud has several values" : ""));
        }
        return this;
    }

    /**
     * exp must be in the future, iat present and not in the future beyond the skew, and the
     * message may not claim a longer life than {@code maxLifetime}.
     */
    public ToolMessage fresh(Instant now, Duration skew, Duration maxLifetime) throws ToolMessageRefused {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null) {
            throw new ToolMessageRefused(Check.EXPIRY, "exp is missing");
        }
        if (!exp.toInstant().isAfter(now)) {
            throw new ToolMessageRefused(Check.EXPIRY, "the message expired at " + exp.toInstant() + " (now " + now + ")");
        }
        if (iat == null) {
            throw new ToolMessageRefused(Check.ISSUED_AT, "iat is missing");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            throw new ToolMessageRefused(Check.ISSUED_AT, "iat " + iat.toInstant() + " is in the future (now " + now
                    + ", " + skew.toSeconds() + " s of clock difference allowed)");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant()).compareTo(maxLifetime) > 0) {
            throw new ToolMessageRefused(Check.EXPIRY, "the message claims to be valid from " + iat.toInstant() + " to "
                    + exp.toInstant() + "; at most " + maxLifetime.toMinutes() + " minutes are accepted");
        }
        return this;
    }

    /** A string claim that must be present and not blank. */
    public String required(String name, Check check) throws ToolMessageRefused {
        return optional(name, check).orElseThrow(() -> new ToolMessageRefused(check, name + " is missing"));
    }

    /** A string claim that must be exactly {@code expected}. */
    public ToolMessage equal(String name, String expected, Check check) throws ToolMessageRefused {
        Object value = claims.getClaim(name);
        if (!expected.equals(value)) {
            throw new ToolMessageRefused(check, name + " is " + (value == null ? "missing" : "'" + value + "'")
                    + ", but must be '" + expected + "'");
        }
        return this;
    }

    /** A string claim that may be absent, but is a string when present. */
    public Optional<String> optional(String name, Check check) throws ToolMessageRefused {
        Object value = claims.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new ToolMessageRefused(check, name + " must be a string");
        }
        return Optional.of(s).filter(v -> !v.isBlank());
    }

    public Instant expires() {
        return claims.getExpirationTime().toInstant();
    }

    public Object claim(String name) {
        return claims.getClaim(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }
}
