package org.tandem.demo.control;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.tandem.lti.registration.control.ToolKeys;

/**
 * The demo platform's OAuth 2.0 token endpoint logic (Security Framework 1.0 §4.1: client
 * credentials grant with a JWT client assertion, RFC 7523) and the Bearer tokens it issues.
 * Tokens are opaque and kept in memory for this instance only: after a restart a tool's token
 * is unknown, the services answer 401, and the tool must authenticate again, as it must with
 * an LMS that revokes tokens.
 */
@ApplicationScoped
public class DemoAccessTokens {

    public static final String GRANT_TYPE = "client_credentials";
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/scope/";
    public static final String LINEITEM = AGS + "lineitem";
    public static final String LINEITEM_READONLY = AGS + "lineitem.readonly";
    public static final String RESULT_READONLY = AGS + "result.readonly";
    public static final String SCORE = AGS + "score";
    public static final String MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    /** The scopes the demo grants Tandem: AGS and NRPS, nothing else. */
    public static final List<String> AGS_SCOPES = List.of(LINEITEM, LINEITEM_READONLY, RESULT_READONLY, SCORE);
    public static final Set<String> GRANTABLE = Set.of(LINEITEM, LINEITEM_READONLY, RESULT_READONLY, SCORE, MEMBERSHIPS);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token request as the form carried it. */
    public record TokenRequest(String grantType, String assertionType, String assertion, String scope) {
    }

    /** An issued token: the token endpoint's answer (RFC 6749 §5.1). */
    public record Issued(String accessToken, long expiresIn, String scope) {
    }

    /** The token endpoint's refusal (RFC 6749 §5.2): HTTP status, error code and a description. */
    public static class Refused extends Exception {
        private final int status;
        private final String error;

        public Refused(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /** Whether a service request may go on: OK, or the status and WWW-Authenticate error to answer. */
    public record Authorization(int status, String error, String description) {
        static final Authorization OK = new Authorization(200, null, null);

        public boolean allowed() {
            return status == 200;
        }
    }

    private record Grant(Set<String> scopes, Instant expiresAt) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    @Inject
    ToolKeys toolKeys;

    /** Tandem's published keys: what an LMS reads at the tool's JWKS URL. */
    private Supplier<JWKSet> publishedKeys = () -> toolKeys.publicKeys();

    @Inject
    DemoReplayGuard replays;

    Clock clock = Clock.systemUTC();

    public DemoAccessTokens() {
    }

    /** For tests outside a container. */
    public DemoAccessTokens(Supplier<JWKSet> publishedKeys, DemoReplayGuard replays, Clock clock) {
        this.publishedKeys = publishedKeys;
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * Issues a token when the request is a client credentials grant whose assertion Tandem signed
     * for this token URL and whose scopes the demo grants.
     */
    public Issued issue(TokenRequest request, String clientId, String tokenUrl) throws Refused {
        if (!GRANT_TYPE.equals(request.grantType())) {
            throw new Refused(400, "unsupported_grant_type", "grant_type must be " + GRANT_TYPE + ", was "
                    + (request.grantType() == null ? "missing" : "'" + request.grantType() + "'"));
        }
        if (!ASSERTION_TYPE.equals(request.assertionType())) {
            throw new Refused(400, "invalid_request", "client_assertion_type must be " + ASSERTION_TYPE);
        }
        Instant now = clock.instant();
        ClientAssertion.Checked assertion;
        try {
            assertion = ClientAssertion.verify(request.assertion(), clientId, tokenUrl, publishedKeys.get(), now);
        } catch (ToolMessageRefused e) {
            // RFC 7523 §3.2: a client assertion that fails is an invalid_client
            throw new Refused(401, "invalid_client", e.check() + ": " + e.getMessage());
        }
        if (!usedUp(assertion)) {
            throw new Refused(401, "invalid_client", "JTI: the assertion's jti was used before: the assertion is a replay");
        }
        Set<String> scopes = scopes(request.scope());
        grants.values().removeIf(g -> !g.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(scopes, now.plus(LIFETIME)));
        return new Issued(token, LIFETIME.toSeconds(), String.join(" ", scopes));
    }

    private boolean usedUp(ClientAssertion.Checked assertion) {
        try {
            return replays.firstUse("jti", assertion.jti(), assertion.expires());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Set<String> scopes(String scope) throws Refused {
        if (scope == null || scope.isBlank()) {
            throw new Refused(400, "invalid_scope", "scope is required: name the AGS or NRPS scopes the tool needs");
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        Set<String> unknown = asked.stream().filter(s -> !GRANTABLE.contains(s)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            throw new Refused(400, "invalid_scope", "the demo platform does not grant " + unknown + "; it grants "
                    + GRANTABLE.stream().sorted().toList());
        }
        return Set.copyOf(asked);
    }

    /**
     * Whether the Authorization header carries a live token of this platform with one of the
     * scopes (RFC 6750 §3.1: invalid_token answers 401, insufficient_scope 403).
     */
    public Authorization authorize(String authorizationHeader, Set<String> anyOf) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Authorization(401, "invalid_token", "a Bearer access token from the token endpoint is required");
        }
        Grant grant = grants.get(authorizationHeader.substring(7).trim());
        if (grant == null || !grant.expiresAt().isAfter(clock.instant())) {
            return new Authorization(401, "invalid_token", "the access token is unknown or expired: ask the token endpoint for a new one");
        }
        if (grant.scopes().stream().noneMatch(anyOf::contains)) {
            return new Authorization(403, "insufficient_scope", "the access token was not issued for "
                    + (anyOf.size() == 1 ? anyOf.iterator().next() : "any of " + anyOf.stream().sorted().toList()));
        }
        return Authorization.OK;
    }
}
