package org.tandem.lti.ags;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.tandem.lti.AddressPolicy;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.registration.control.ToolKeys;

/**
 * Access tokens for LTI Advantage services. Per the 1EdTech Security Framework §4.1 ("Using JSON
 * Web Tokens with OAuth 2.0 Client Credentials Grant") Tandem authenticates to the platform's
 * token URL with a JWT it signs itself (RFC 7523 client assertion, "private_key_jwt") and asks
 * for the scopes it needs. Tokens are cached per token URL, client_id and scope set until shortly
 * before they expire; per instance by design, as a cache miss costs one request.
 */
@ApplicationScoped
public class AccessTokens {

    static final String GRANT_TYPE = "client_credentials";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Moodle checks iat strictly against its own clock; a few seconds back absorb clock drift. */
    static final Duration BACKDATE = Duration.ofSeconds(5);
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** Renew this long before expiry, so a token never dies between taking it and using it. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** RFC 6749 §5.1 makes expires_in optional; without it, assume the shortest lifetime we know (Moodle). */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private record Key(String tokenUrl, String clientId, String scopes) {
    }

    private record Cached(String token, Instant renewAt) {
    }

    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private OutboundHttp http;
    private Supplier<RSAKey> signingKey;
    private Clock clock;

    protected AccessTokens() {
        // for CDI
    }

    @Inject
    public AccessTokens(OutboundHttp http, ToolKeys toolKeys) {
        this(http, toolKeys::signingKey, Clock.systemUTC());
    }

    /** @param http sends the requests (tests pass their own); @param signingKey Tandem's current private key */
    public AccessTokens(OutboundHttp http, Supplier<RSAKey> signingKey, Clock clock) {
        this.http = Objects.requireNonNull(http);
        this.signingKey = Objects.requireNonNull(signingKey);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A valid access token for these scopes, from the cache or freshly issued. */
    public String token(TokenEndpoint endpoint, Collection<String> scopes) throws AccessTokenException {
        Key key = key(endpoint, scopes);
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.token();
        }
        // one request per key at a time: concurrent deliveries share the fresh token
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            if (cached != null && clock.instant().isBefore(cached.renewAt())) {
                return cached.token();
            }
            Cached issued = request(endpoint, key.scopes());
            cache.put(key, issued);
            return issued.token();
        }
    }

    /** Drops a cached token the platform no longer accepts (a service answered 401 with it). */
    public void forget(TokenEndpoint endpoint, Collection<String> scopes, String token) {
        Key key = key(endpoint, scopes);
        cache.computeIfPresent(key, (k, cached) -> cached.token().equals(token) ? null : cached);
    }

    private static Key key(TokenEndpoint endpoint, Collection<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("at least one scope is required");
        }
        return new Key(endpoint.url().toString(), endpoint.clientId(),
                scopes.stream().distinct().sorted().collect(Collectors.joining(" ")));
    }

    private Cached request(TokenEndpoint endpoint, String scopes) throws AccessTokenException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(endpoint));
        form.put("scope", scopes);
        HttpRequest request = http.request(endpoint.url())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        Instant sent = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request);
        } catch (HttpTimeoutException e) {
            throw new AccessTokenException("token URL " + endpoint.url() + " did not answer in time", true, 0, null, e);
        } catch (AddressPolicy.Refused e) {
            // not the platform being down: retrying cannot help until an administrator changes a setting
            throw new AccessTokenException(e.getMessage(), false, 0, null, e);
        } catch (IOException e) {
            throw new AccessTokenException("cannot reach token URL " + endpoint.url() + ": " + e.getMessage(), true, 0, null, e);
        }
        int status = response.statusCode();
        JsonObject body = parse(response.body());
        if (status != 200) {
            throw refusal(endpoint, status, body, response.body());
        }
        String token = body == null ? null : body.getString("access_token", null);
        if (token == null || token.isBlank()) {
            throw new AccessTokenException("token URL " + endpoint.url() + " answered 200 without an access_token: "
                    + AgsException.excerpt(response.body()), false, status, null, null);
        }
        // RFC 6749 §5.1: only Bearer tokens are usable as "Authorization: Bearer"
        String type = body.getString("token_type", "Bearer");
        if (!"bearer".equalsIgnoreCase(type)) {
            throw new AccessTokenException("token URL " + endpoint.url() + " issued a '" + type
                    + "' token; AGS needs a Bearer token", false, status, null, null);
        }
        Duration lifetime = lifetime(body);
        // renew 30 s early, but never hold a short-lived token (Moodle: 60 s) for less than half its life
        Duration margin = RENEW_BEFORE.compareTo(lifetime.dividedBy(2)) < 0 ? RENEW_BEFORE : lifetime.dividedBy(2);
        return new Cached(token, sent.plus(lifetime).minus(margin));
    }

    private static Duration lifetime(JsonObject body) {
        JsonValue value = body.get("expires_in");
        long seconds = -1;
        if (value instanceof JsonNumber number) {
            seconds = number.longValue();
        } else if (value != null && value.getValueType() == JsonValue.ValueType.STRING) {
            try {
                seconds = Long.parseLong(body.getString("expires_in").trim());
            } catch (NumberFormatException ignored) {
                seconds = -1;
            }
        }
        return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
    }

    /** Security Framework §4.1.1: iss = sub = client_id, aud = the token URL, short-lived, unique jti. */
    private String assertion(TokenEndpoint endpoint) throws AccessTokenException {
        RSAKey key = signingKey.get();
        Instant now = clock.instant();
        Instant issued = now.minus(BACKDATE);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(endpoint.clientId())
                .subject(endpoint.clientId())
                .audience(endpoint.url().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new AccessTokenException("cannot sign the client assertion with tool key " + key.getKeyID()
                    + ": " + e.getMessage(), false, 0, null, e);
        }
        return jwt.serialize();
    }

    private static AccessTokenException refusal(TokenEndpoint endpoint, int status, JsonObject body, String raw) {
        String error = body == null ? null : body.getString("error", null);
        String description = body == null ? null : body.getString("error_description", null);
        String answer = error == null ? AgsException.excerpt(raw)
                : error + (description == null ? "" : " (" + description + ")");
        String where = "token URL " + endpoint.url() + " answered HTTP " + status + " " + answer;
        if (AgsException.retryableStatus(status)) {
            return new AccessTokenException(where + "; the platform may be down or overloaded", true, status, error, null);
        }
        String cause;
        if ("invalid_client".equals(error) || status == 401 || (error == null && status == 400)) {
            cause = "the platform did not accept Tandem's client assertion: check that it has Tandem's current"
                    + " public key or JWKS URL registered, and that client_id '" + endpoint.clientId()
                    + "' and this token URL match the platform's registration of Tandem";
        } else if ("invalid_grant".equals(error)) {
            cause = "the platform rejected the assertion's claims: check the token URL registered (it is the"
                    + " assertion's audience) and that Tandem's clock is correct";
        } else if ("invalid_scope".equals(error)) {
            cause = "the platform does not grant these scopes to Tandem: enable Assignment and Grade Services"
                    + " for the tool in the platform";
        } else if ("unauthorized_client".equals(error) || "unsupported_grant_type".equals(error)) {
            cause = "the platform does not allow client_credentials for client_id '" + endpoint.clientId()
                    + "': check the tool registration";
        } else if (status == 404) {
            cause = "no token endpoint at this URL: check the token URL registered for the platform";
        } else {
            cause = "the request will not succeed unchanged";
        }
        return new AccessTokenException(where + "; " + cause, false, status, error, null);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Scope URIs of the given AGS scopes, for {@link #token}. */
    public static List<String> scopes(AgsScope... scopes) {
        return Arrays.stream(scopes).map(AgsScope::uri).toList();
    }
}
