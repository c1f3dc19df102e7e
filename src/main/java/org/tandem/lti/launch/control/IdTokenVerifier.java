package org.tandem.lti.launch.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tandem.lti.LtiClaims;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.LtiRole;
import org.tandem.lti.MessageType;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.entity.PlatformRegistration;

/**
 * Validates an id_token against the 1EdTech Security Framework 1.0 §5.1.3 (authentication
 * response validation) and LTI Core 1.3 §5.3–5.4 (message claims). Each step records its outcome
 * in a {@link CheckLog}; the first failure ends validation with a {@link LaunchRejection}.
 * The single use of the nonce is enforced by the caller, which owns the database.
 */
public class IdTokenVerifier {

    /** Asymmetric algorithms only: "none" and HMAC (a shared secret) are refused (§5.1.3 step 6). */
    static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final PlatformKeySets keys;
    private final Clock clock;

    public IdTokenVerifier(PlatformKeySets keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public LtiLaunch verify(String idToken, long platformId, PlatformRegistration platform, String expectedNonce,
                            CheckLog log) throws LaunchRejection {
        SignedJWT jwt = parse(idToken, log);
        verifySignature(jwt, platform, log);
        JWTClaimsSet claims = claims(jwt, log);

        // §5.1.3 step 2: the issuer must exactly match the one the platform registered
        check(log, LaunchCheck.ISSUER, platform.issuer().equals(claims.getIssuer()),
                "the id_token was issued by '" + claims.getIssuer() + "' but the login started for '"
                        + platform.issuer() + "'",
                "the platform's issuer setting must match the iss it sends exactly (scheme, host, path, no trailing slash)");

        // §5.1.3 step 3: aud must contain our client_id
        List<String> audience = claims.getAudience() == null ? List.of() : claims.getAudience();
        check(log, LaunchCheck.AUDIENCE, audience.contains(platform.clientId()),
                "the id_token audience " + audience + " does not contain client_id '" + platform.clientId() + "'",
                "the client_id registered in Tandem must be the one the platform shows for this tool");

        // §5.1.3 steps 4-5: several audiences need azp; azp, when present, must be our client_id
        String azp = string(claims, "azp");
        boolean azpOk = azp == null ? audience.size() == 1 : azp.equals(platform.clientId());
        check(log, LaunchCheck.AUTHORIZED_PARTY, azpOk,
                azp == null ? "the id_token has " + audience.size() + " audiences but no azp claim"
                        : "the id_token azp '" + azp + "' is not client_id '" + platform.clientId() + "'",
                "the platform must name Tandem's client_id as the authorized party (azp) when it sends several audiences");

        Instant now = clock.instant();
        Duration skew = platform.clockSkew();
        // §5.1.3 step 7: the current time must be before exp
        Date exp = claims.getExpirationTime();
        check(log, LaunchCheck.EXPIRY, exp != null && now.isBefore(exp.toInstant().plus(skew)),
                exp == null ? "the id_token has no exp claim" : "the id_token expired at " + exp.toInstant(),
                "check that the platform's clock and Tandem's are right (tolerance " + skew.toSeconds() + " s)");
        // §5.1.3 step 8: iat must not be in the future
        Date iat = claims.getIssueTime();
        check(log, LaunchCheck.ISSUED_AT, iat != null && !iat.toInstant().isAfter(now.plus(skew)),
                iat == null ? "the id_token has no iat claim" : "the id_token was issued in the future (" + iat.toInstant() + ")",
                "check that the platform's clock and Tandem's are right (tolerance " + skew.toSeconds() + " s)");

        // §5.1.3 step 9: the nonce must be the one we sent (single use is the caller's part)
        String nonce = string(claims, "nonce");
        check(log, LaunchCheck.NONCE, nonce != null && nonce.equals(expectedNonce),
                nonce == null ? "the id_token has no nonce" : "the id_token nonce is not the one sent at login",
                "the launch must come from the login Tandem started; a reused or forged launch is refused");

        return launch(claims, platformId, platform, log);
    }

    private SignedJWT parse(String idToken, CheckLog log) throws LaunchRejection {
        if (idToken == null || idToken.isBlank()) {
            throw fail(log, LaunchCheck.TOKEN_FORMAT, "the launch carried no id_token",
                    "the platform must POST id_token and state to Tandem's launch URL");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            log.passed(LaunchCheck.TOKEN_FORMAT);
            return jwt;
        } catch (ParseException e) {
            throw fail(log, LaunchCheck.TOKEN_FORMAT, "the id_token is not a signed JWT: " + e.getMessage(),
                    "the platform must send a signed (JWS) id_token");
        }
    }

    private void verifySignature(SignedJWT jwt, PlatformRegistration platform, CheckLog log) throws LaunchRejection {
        // Security Framework §6.3 (the platform names its key by kid) and the LTI Advantage
        // certification's known bad payload "No KID Sent in JWT header": refused even when the
        // platform publishes a single key, so that a rotation can never make Tandem guess a key.
        String kid = jwt.getHeader().getKeyID();
        check(log, LaunchCheck.KEY_ID, kid != null && !kid.isBlank(),
                "the id_token header has no kid, so it does not say which of the platform's keys signed it",
                "the platform must put the kid of its signing key (as published at " + platform.jwksUrl()
                        + ") in the id_token header; LTI 1.3 platforms do, so check what sends launches under this issuer");
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ACCEPTED_ALGORITHMS.contains(alg)) {
            throw fail(log, LaunchCheck.SIGNATURE, "the id_token is signed with " + alg + ", which Tandem does not accept",
                    "platforms must sign with RS256 (or another asymmetric algorithm)");
        }
        JWK key;
        try {
            key = keys.select(platform.jwksUrl(), jwt.getHeader());
        } catch (PlatformKeySets.KeyLookupException e) {
            throw fail(log, LaunchCheck.SIGNATURE, e.getMessage(),
                    "check the platform's JWKS URL in the registration and that the platform publishes its current key");
        }
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                    ((AsymmetricJWK) key).toPublicKey());
            if (!jwt.verify(verifier)) {
                throw fail(log, LaunchCheck.SIGNATURE, "the id_token signature does not verify with key '" + key.getKeyID() + "'",
                        "the token was altered or signed with a key the platform does not publish at " + platform.jwksUrl());
            }
        } catch (JOSEException | ClassCastException e) {
            throw fail(log, LaunchCheck.SIGNATURE, "the id_token signature could not be checked: " + e.getMessage(),
                    "the platform JWKS key does not fit the token's algorithm " + alg);
        }
        log.passed(LaunchCheck.SIGNATURE);
    }

    private JWTClaimsSet claims(SignedJWT jwt, CheckLog log) throws LaunchRejection {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw fail(log, LaunchCheck.TOKEN_FORMAT, "the id_token payload is not a JSON claims set",
                    "the platform sent a malformed id_token");
        }
    }

    private LtiLaunch launch(JWTClaimsSet claims, long platformId, PlatformRegistration platform, CheckLog log)
            throws LaunchRejection {
        String deploymentId = string(claims, LtiClaims.DEPLOYMENT_ID);
        if (deploymentId == null || deploymentId.isBlank()) {
            throw fail(log, LaunchCheck.DEPLOYMENT, "the id_token has no deployment_id claim",
                    "LTI 1.3 requires the platform to send the deployment id");
        }

        // LTI Core §5.3.1: message_type
        String messageTypeClaim = string(claims, LtiClaims.MESSAGE_TYPE);
        Optional<MessageType> messageType = MessageType.fromClaim(messageTypeClaim);
        check(log, LaunchCheck.MESSAGE_TYPE, messageType.isPresent(),
                "message_type '" + messageTypeClaim + "' is not one Tandem accepts (LtiResourceLinkRequest, LtiDeepLinkingRequest)",
                "place Tandem as a resource link or use it through deep linking");

        // LTI Core §5.3.2: version
        String version = string(claims, LtiClaims.VERSION);
        check(log, LaunchCheck.VERSION, LtiClaims.LTI_VERSION.equals(version),
                "version '" + version + "' is not " + LtiClaims.LTI_VERSION,
                "the platform must launch with LTI 1.3.0 (an LTI 1.1 link uses the legacy launch)");

        List<String> missing = new ArrayList<>();
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            missing.add("sub");
        }
        if (claims.getClaim(LtiClaims.ROLES) == null) {
            missing.add(LtiClaims.ROLES);
        }
        Map<String, Object> resourceLink = object(claims, LtiClaims.RESOURCE_LINK);
        Map<String, Object> dl = object(claims, LtiClaims.DEEP_LINKING_SETTINGS);
        String targetLinkUri = string(claims, LtiClaims.TARGET_LINK_URI);
        if (messageType.get() == MessageType.RESOURCE_LINK) {
            // LTI Core §5.3.5: resource_link.id and §5.3.4 target_link_uri are required
            if (resourceLink == null || str(resourceLink.get("id")) == null) {
                missing.add(LtiClaims.RESOURCE_LINK + " (id)");
            }
            if (targetLinkUri == null) {
                missing.add(LtiClaims.TARGET_LINK_URI);
            }
        } else {
            // Deep Linking 2.0 §4.4.1
            if (dl == null || str(dl.get("deep_link_return_url")) == null) {
                missing.add(LtiClaims.DEEP_LINKING_SETTINGS + " (deep_link_return_url)");
            } else {
                if (!(dl.get("accept_types") instanceof Collection)) {
                    missing.add(LtiClaims.DEEP_LINKING_SETTINGS + " (accept_types)");
                }
                if (!(dl.get("accept_presentation_document_targets") instanceof Collection)) {
                    missing.add(LtiClaims.DEEP_LINKING_SETTINGS + " (accept_presentation_document_targets)");
                }
            }
        }
        Map<String, Object> context = object(claims, LtiClaims.CONTEXT);
        if (context != null && str(context.get("id")) == null) {
            missing.add(LtiClaims.CONTEXT + " (id)");
        }
        check(log, LaunchCheck.REQUIRED_CLAIMS, missing.isEmpty(),
                "required claims missing for " + messageTypeClaim + ": " + String.join(", ", missing),
                "the platform sent an incomplete launch; check its LTI 1.3 settings for this tool");

        List<String> wrong = claimValues(claims, subject, deploymentId, dl);
        check(log, LaunchCheck.CLAIM_VALUES, wrong.isEmpty(),
                "claims Tandem cannot take: " + String.join("; ", wrong),
                "the platform sent claims of the wrong type or longer than any platform sends; check its LTI 1.3 settings "
                        + "and custom parameters for this tool");

        Set<LtiRole> roles = new LinkedHashSet<>();
        for (Object role : list(claims.getClaim(LtiClaims.ROLES))) {
            if (role instanceof String s && !s.isBlank()) {
                roles.add(LtiRole.parse(s));
            }
        }
        Map<String, String> custom = new LinkedHashMap<>();
        Map<String, Object> customClaim = object(claims, LtiClaims.CUSTOM);
        if (customClaim != null) {
            customClaim.forEach((k, v) -> custom.put(k, v == null ? "" : String.valueOf(v)));
        }

        LtiLaunch.User user = new LtiLaunch.User(subject, text(opt(claims, "name"), "name", log),
                text(opt(claims, "given_name"), "given_name", log), text(opt(claims, "family_name"), "family_name", log),
                text(opt(claims, "email"), "email", log));
        return new LtiLaunch(
                new LtiLaunch.Tenant(platformId, platform.issuer(), platform.clientId(), deploymentId),
                messageType.get(),
                targetLinkUri,
                user,
                Optional.ofNullable(context).map(c -> new LtiLaunch.Context(str(c.get("id")),
                        text(Optional.ofNullable(str(c.get("label"))), "context label", log),
                        text(Optional.ofNullable(str(c.get("title"))), "context title", log),
                        strings(c.get("type")))),
                Optional.ofNullable(resourceLink).filter(r -> str(r.get("id")) != null)
                        .map(r -> new LtiLaunch.ResourceLink(str(r.get("id")),
                                text(Optional.ofNullable(str(r.get("title"))), "resource link title", log),
                                Optional.ofNullable(str(r.get("description"))))),
                Set.copyOf(roles),
                Map.copyOf(custom),
                Optional.ofNullable(object(claims, LtiClaims.AGS_ENDPOINT)).map(a -> new LtiLaunch.Ags(
                        strings(a.get("scope")), Optional.ofNullable(str(a.get("lineitems"))),
                        Optional.ofNullable(str(a.get("lineitem"))))),
                Optional.ofNullable(object(claims, LtiClaims.NRPS))
                        .filter(n -> str(n.get("context_memberships_url")) != null)
                        .map(n -> new LtiLaunch.Nrps(str(n.get("context_memberships_url")), strings(n.get("service_versions")))),
                deepLinking(dl),
                Optional.ofNullable(object(claims, LtiClaims.LAUNCH_PRESENTATION)).map(p -> new LtiLaunch.Presentation(
                        Optional.ofNullable(str(p.get("document_target"))), Optional.ofNullable(str(p.get("return_url"))),
                        Optional.ofNullable(str(p.get("locale"))))));
    }

    /**
     * Types and sizes of the claims Tandem keeps. LTI Core 1.3: roles is an array of URIs
     * (§5.3.7), context (§5.4.1), resource_link (§5.3.5), launch_presentation (§5.4.4) and
     * custom (§5.4.6) are JSON objects, as are the AGS endpoint (AGS 2.0 §3.1), NRPS (§3.6.1)
     * and deep-linking settings (Deep Linking 2.0 §4.4.1) claims; ids are at most 255 characters
     * (§5.3.3, §5.3.5, §5.4.1; OIDC Core §2 for sub). A claim of another type is refused, not
     * read as absent: the platform meant something Tandem would otherwise silently ignore.
     */
    private static List<String> claimValues(JWTClaimsSet claims, String subject, String deploymentId, Map<String, Object> dl) {
        List<String> wrong = new ArrayList<>();
        Object roles = claims.getClaim(LtiClaims.ROLES);
        if (!(roles instanceof Collection<?> c) || !c.stream().allMatch(r -> r instanceof String)) {
            wrong.add(LtiClaims.ROLES + " is " + kind(roles) + ", not an array of role URIs (LTI Core 5.3.7)");
        }
        for (String name : List.of(LtiClaims.CONTEXT, LtiClaims.RESOURCE_LINK, LtiClaims.CUSTOM, LtiClaims.LAUNCH_PRESENTATION,
                LtiClaims.TOOL_PLATFORM, LtiClaims.AGS_ENDPOINT, LtiClaims.NRPS, LtiClaims.DEEP_LINKING_SETTINGS)) {
            Object value = claims.getClaim(name);
            if (value != null && !(value instanceof Map)) {
                wrong.add(name + " is " + kind(value) + ", not a JSON object");
            }
        }
        Map<String, Object> context = object(claims, LtiClaims.CONTEXT);
        Map<String, Object> link = object(claims, LtiClaims.RESOURCE_LINK);
        longer(wrong, "sub", subject, LtiLaunch.MAX_ID);
        longer(wrong, LtiClaims.DEPLOYMENT_ID, deploymentId, LtiLaunch.MAX_ID);
        longer(wrong, LtiClaims.CONTEXT + " id", context == null ? null : str(context.get("id")), LtiLaunch.MAX_ID);
        longer(wrong, LtiClaims.RESOURCE_LINK + " id", link == null ? null : str(link.get("id")), LtiLaunch.MAX_ID);
        Map<String, Object> ags = object(claims, LtiClaims.AGS_ENDPOINT);
        if (ags != null) {
            longer(wrong, LtiClaims.AGS_ENDPOINT + " lineitem", str(ags.get("lineitem")), LtiLaunch.MAX_URL);
            longer(wrong, LtiClaims.AGS_ENDPOINT + " lineitems", str(ags.get("lineitems")), LtiLaunch.MAX_URL);
            longer(wrong, LtiClaims.AGS_ENDPOINT + " scope", String.join(" ", strings(ags.get("scope"))), LtiLaunch.MAX_URL);
        }
        Map<String, Object> nrps = object(claims, LtiClaims.NRPS);
        if (nrps != null) {
            longer(wrong, LtiClaims.NRPS + " context_memberships_url", str(nrps.get("context_memberships_url")), LtiLaunch.MAX_URL);
        }
        deepLinking(dl).ifPresent(d -> longer(wrong, LtiClaims.DEEP_LINKING_SETTINGS, d.toJson(), LtiLaunch.MAX_SETTINGS_JSON));
        return wrong;
    }

    private static Optional<LtiLaunch.DeepLinkingSettings> deepLinking(Map<String, Object> dl) {
        return Optional.ofNullable(dl).filter(d -> str(d.get("deep_link_return_url")) != null)
                .map(d -> new LtiLaunch.DeepLinkingSettings(str(d.get("deep_link_return_url")),
                        strings(d.get("accept_types")), strings(d.get("accept_presentation_document_targets")),
                        Optional.ofNullable(str(d.get("accept_media_types"))),
                        Boolean.TRUE.equals(d.get("accept_multiple")), Boolean.TRUE.equals(d.get("auto_create")),
                        Optional.ofNullable(str(d.get("title"))), Optional.ofNullable(str(d.get("text"))),
                        Optional.ofNullable(str(d.get("data")))));
    }

    private static void longer(List<String> wrong, String name, String value, int max) {
        if (value != null && value.length() > max) {
            wrong.add(name + " is " + value.length() + " characters long (at most " + max + ")");
        }
    }

    /** A name, e-mail, title or label: shortened to what Tandem keeps, with a note for the diagnostics. */
    private static Optional<String> text(Optional<String> value, String what, CheckLog log) {
        return value.map(v -> {
            if (v.length() <= LtiLaunch.MAX_TEXT) {
                return v;
            }
            log.note(what + " shortened from " + v.length() + " to " + LtiLaunch.MAX_TEXT + " characters");
            return v.substring(0, LtiLaunch.MAX_TEXT);
        });
    }

    private static String kind(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Collection) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static void check(CheckLog log, LaunchCheck check, boolean ok, String message, String hint)
            throws LaunchRejection {
        if (!ok) {
            throw fail(log, check, message, hint);
        }
        log.passed(check);
    }

    private static LaunchRejection fail(CheckLog log, LaunchCheck check, String message, String hint) {
        log.failed(check);
        return new LaunchRejection(check, message, hint);
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static Optional<String> opt(JWTClaimsSet claims, String name) {
        return Optional.ofNullable(string(claims, name)).filter(s -> !s.isBlank());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    private static String str(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static Collection<?> list(Object value) {
        return value instanceof Collection<?> c ? c : List.of();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().filter(Objects::nonNull).map(String::valueOf).toList();
    }
}
