package org.tandem.lti.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The other side of the protocol: a small but real LTI 1.3 platform for tests. It listens on a
 * loopback port, publishes its JWKS like an LMS does (with Cache-Control), and signs id_tokens
 * with RSA keys generated when the test runs, so no key is ever committed. The id_token builder
 * starts from a valid LtiResourceLinkRequest; each test changes exactly the claim it is about.
 */
public final class TestPlatform implements AutoCloseable {

    /** Fetches a JWKS over real HTTP, as Tandem's PlatformKeySets does in the container. */
    public static org.tandem.lti.registration.control.PlatformKeySets.Fetcher jwksFetcher() {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return uri -> {
            try {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                return new org.tandem.lti.registration.control.PlatformKeySets.Fetched(response.body(),
                        response.headers().firstValue("Cache-Control"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }

    // Claim names spelled out again from the spec on purpose, not taken from LtiClaims: the other
    // side of the protocol must not share a typo with the code under test.
    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String MESSAGE_TYPE = LTI + "message_type";
    public static final String VERSION = LTI + "version";
    public static final String DEPLOYMENT_ID = LTI + "deployment_id";
    public static final String TARGET_LINK_URI = LTI + "target_link_uri";
    public static final String RESOURCE_LINK = LTI + "resource_link";
    public static final String ROLES = LTI + "roles";
    public static final String CONTEXT = LTI + "context";
    public static final String CUSTOM = LTI + "custom";
    public static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";
    public static final String TOOL_PLATFORM = LTI + "tool_platform";
    public static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

    public static final String ROLE_LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public static final String ROLE_INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public static final String ROLE_ADMINISTRATOR = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

    /** Used as target_link_uri until a test names the tool's real launch URL. */
    public static final String DEFAULT_TARGET_LINK_URI = "http://localhost/tool/lti/launch";

    private final HttpServer server;
    private final String origin;
    private final String clientId;
    private final String deploymentId;
    private final String name;
    private final String deploymentPolicy;
    private final int clockSkewSeconds;
    private final Clock clock;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    /** Published keys, newest last; the newest signs. */
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    /** Never published: signs the tokens a tool must refuse. Made on first use (keys take time). */
    private RSAKey unpublished;
    private volatile String cacheControl = "max-age=300";
    private volatile int jwksStatus = 200;
    /** Tandem's JWKS URL: the token endpoint verifies client assertions with the keys found there. */
    private volatile String toolJwksUrl;
    private volatile int tokenStatus = 200;
    private volatile long tokenLifetimeSeconds = 3600;
    private final Map<String, java.util.Set<String>> issuedTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> seenJti = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Paths paths;
    private final boolean checksAssertionAudienceAndJti;
    /** client_ids the token endpoint knows besides the builder's: a shared issuer has several (Canvas). */
    private final java.util.Set<String> otherClients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile com.sun.net.httpserver.HttpHandler authorization;

    private TestPlatform(Builder b) {
        this.clientId = b.clientId;
        this.deploymentId = b.deploymentId;
        this.name = b.name;
        this.deploymentPolicy = b.deploymentPolicy;
        this.clockSkewSeconds = b.clockSkewSeconds;
        this.clock = b.clock;
        this.paths = b.paths;
        this.checksAssertionAudienceAndJti = b.checksAssertionAudienceAndJti;
        this.published.add(newKey());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(paths.jwks(), this::serveJwks);
        server.createContext(paths.auth(), this::serveAuth);
        server.createContext(paths.token(), this::serveToken);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        origin = "http://localhost:" + server.getAddress().getPort();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A platform with default client and deployment ids, already listening. */
    public static TestPlatform start() {
        return builder().start();
    }

    public String issuer() {
        return origin + paths.issuer();
    }

    public String clientId() {
        return clientId;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public String jwksUrl() {
        return endpointOrigin() + paths.jwks();
    }

    /** The origin of the OIDC endpoints: the issuer's, or another host as Canvas's sso domain. */
    public String endpointOrigin() {
        return "http://" + paths.endpointHost() + ":" + server.getAddress().getPort();
    }

    public String authUrl() {
        return endpointOrigin() + paths.auth();
    }

    public String tokenUrl() {
        return endpointOrigin() + paths.token();
    }

    /**
     * Where a platform keeps its issuer and OIDC endpoints under its origin. The default is this
     * test platform's own; the LMS flavours ({@link Lms}) use Moodle's and Canvas's paths.
     */
    public record Paths(String issuer, String auth, String jwks, String token, String endpointHost) {
        public static final Paths DEFAULT = new Paths("/platform", "/platform/auth", "/platform/jwks", "/platform/token",
                "localhost");
    }

    /** The token endpoint also issues tokens to this client_id (another registration under the same issuer). */
    public void acceptClient(String otherClientId) {
        otherClients.add(otherClientId);
    }

    /** Answers the authorization endpoint with this handler instead of leaving it to the test. */
    public void authorization(com.sun.net.httpserver.HttpHandler handler) {
        this.authorization = handler;
    }

    /** Signs these claims with the current key, its kid in the header, as the platform signs its id_tokens. */
    public String sign(Map<String, Object> claims) {
        RSAKey key = published.get(published.size() - 1);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times the JWKS was requested (successfully or not). */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** The kid the platform signs with now. */
    public String currentKid() {
        return published.get(published.size() - 1).getKeyID();
    }

    /** Signs with a new key from now on and publishes it; the old keys stay published. */
    public String rotateKey() {
        published.add(newKey());
        return currentKid();
    }

    /** The Cache-Control header sent with the JWKS ({@code max-age=300} unless changed); null sends none. */
    public void jwksCacheControl(String value) {
        this.cacheControl = value;
    }

    /** Makes the JWKS endpoint answer with this status (e.g. 503) instead of the key set; 200 restores it. */
    public void jwksStatus(int status) {
        this.jwksStatus = status;
    }

    /** The public key set as published. */
    public String jwksJson() {
        return new JWKSet(new ArrayList<>(published)).toPublicJWKSet().toString();
    }

    /** An id_token for a resource link launch answering the login that sent this nonce. */
    public IdToken idToken(String nonce) {
        return new IdToken(nonce);
    }

    /** The body of Tandem's {@code POST /admin/api/platforms} for this platform. */
    public String registrationJson() {
        return registrationJson(deploymentPolicy, List.of(deploymentId));
    }

    public String registrationJson(String policy, List<String> deploymentIds) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        deploymentIds.forEach(ids::add);
        return Json.createObjectBuilder()
                .add("issuer", issuer())
                .add("client_id", clientId)
                .add("name", name)
                .add("auth_login_url", authUrl())
                .add("token_url", tokenUrl())
                .add("jwks_url", jwksUrl())
                .add("deployment_policy", policy)
                .add("clock_skew_seconds", clockSkewSeconds)
                .add("deployment_ids", ids)
                .build()
                .toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ----- LTI Advantage services: the token endpoint, and hooks for the service endpoints ------

    /**
     * Lets the token endpoint issue access tokens to the tool whose public keys are at this URL
     * (Tandem's {@code /.well-known/jwks.json}): each client assertion is verified against them,
     * fetched over HTTP as an LMS does.
     */
    public TestPlatform trustTool(String jwksUrl) {
        this.toolJwksUrl = jwksUrl;
        return this;
    }

    /** Makes the token endpoint refuse every request with this status (401: invalid_client; 5xx: down); 200 restores it. */
    public void tokenStatus(int status) {
        this.tokenStatus = status;
    }

    /** The expires_in of tokens issued from now on (Moodle: 60). */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetimeSeconds = lifetime.toSeconds();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Serves another endpoint of this platform (line items, scores, memberships) under its origin. */
    public void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** The origin (scheme, host and port) the platform listens on. */
    public String origin() {
        return origin;
    }

    /** The scopes of the request's Bearer token, or null when it carries no token this platform issued. */
    public java.util.Set<String> bearerScopes(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        return issuedTokens.get(auth.substring(7));
    }

    /** Forgets every token issued, as a platform does after a restart. */
    public void revokeTokens() {
        issuedTokens.clear();
    }

    /** Writes a response; an empty body sends none. */
    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null && bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The request body as text. */
    public static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** application/x-www-form-urlencoded (or a query string) as a map. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        if (encoded == null) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** Security Framework §4.1: client_credentials with a JWT client assertion signed by the tool. */
    private void serveToken(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(body(exchange));
        if (tokenStatus >= 500) {
            respond(exchange, tokenStatus, "text/html", "<html>Service Unavailable</html>");
            return;
        }
        if (tokenStatus != 200) {
            respond(exchange, tokenStatus, "application/json",
                    "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
            return;
        }
        String problem = checkAssertion(form);
        if (problem != null) {
            respond(exchange, 401, "application/json", Json.createObjectBuilder().add("error", "invalid_client")
                    .add("error_description", problem).build().toString());
            return;
        }
        String token = "at-" + UUID.randomUUID();
        issuedTokens.put(token, java.util.Set.of(form.get("scope").split(" ")));
        respond(exchange, 200, "application/json", Json.createObjectBuilder().add("access_token", token)
                .add("token_type", "Bearer").add("expires_in", tokenLifetimeSeconds).add("scope", form.get("scope"))
                .build().toString());
    }

    private String checkAssertion(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "grant_type must be client_credentials";
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "client_assertion_type must be jwt-bearer";
        }
        if (form.get("scope") == null || form.get("scope").isBlank()) {
            return "scope is required";
        }
        if (toolJwksUrl == null) {
            return "no tool key registered with the test platform";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            JWKSet keys = JWKSet.load(new java.net.URL(toolJwksUrl));
            com.nimbusds.jose.jwk.JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || key == null) {
                return "kid " + jwt.getHeader().getKeyID() + " is not in the tool's JWKS";
            }
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()))) {
                return "signature does not verify with the tool's key";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = Instant.now();
            boolean known = clientId.equals(claims.getIssuer()) || otherClients.contains(claims.getIssuer());
            if (!known || !claims.getIssuer().equals(claims.getSubject())) {
                return "iss and sub must be the client_id";
            }
            if (!checksAssertionAudienceAndJti) {
                // Moodle 4.4 checks neither aud nor jti (platform-captures/moodle-4.4/README.md)
                return claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)
                        ? "assertion expired" : null;
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(tokenUrl())) {
                return "aud must be the token URL";
            }
            // as strict as Moodle: an assertion issued in the future is refused
            if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().isAfter(now)) {
                return "iat is in the future";
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
                return "assertion expired";
            }
            if (claims.getJWTID() == null || !seenJti.add(claims.getJWTID())) {
                return "jti missing or replayed";
            }
            return null;
        } catch (Exception e) {
            return "malformed assertion: " + e.getMessage();
        }
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            jwksRequests.incrementAndGet();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            int status = jwksStatus;
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            String cc = cacheControl;
            if (cc != null) {
                exchange.getResponseHeaders().set("Cache-Control", cc);
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Tests read the authentication request from Tandem's redirect and post the id_token themselves. */
    private void serveAuth(HttpExchange exchange) throws IOException {
        com.sun.net.httpserver.HttpHandler handler = authorization;
        if (handler != null) {
            handler.handle(exchange);
            return;
        }
        try (exchange) {
            byte[] body = "test platform: the test answers the authentication request itself\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized RSAKey unpublishedKey() {
        if (unpublished == null) {
            unpublished = newKey();
        }
        return unpublished;
    }

    private RSAKey publishedKey(String kid) {
        return published.stream().filter(k -> k.getKeyID().equals(kid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the platform never published kid " + kid));
    }

    public static final class Builder {
        private String clientId = "tandem-client-" + UUID.randomUUID().toString().substring(0, 8);
        private String deploymentId = "deployment-1";
        private String name = "Test Platform";
        private String deploymentPolicy = "STRICT";
        private int clockSkewSeconds = 60;
        private Clock clock = Clock.systemUTC();
        private Paths paths = Paths.DEFAULT;
        private boolean checksAssertionAudienceAndJti = true;

        /** The issuer and endpoint paths under the origin. */
        public Builder paths(Paths paths) {
            this.paths = paths;
            return this;
        }

        /** A token endpoint that, like Moodle 4.4's, checks neither the client assertion's aud nor its jti. */
        public Builder lenientClientAssertion() {
            this.checksAssertionAudienceAndJti = false;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder deploymentId(String deploymentId) {
            this.deploymentId = deploymentId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** STRICT or ADMIT_NEW, for {@link #registrationJson()}. */
        public Builder deploymentPolicy(String policy) {
            this.deploymentPolicy = policy;
            return this;
        }

        public Builder clockSkewSeconds(int seconds) {
            this.clockSkewSeconds = seconds;
            return this;
        }

        /** The clock iat and exp are taken from. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TestPlatform start() {
            return new TestPlatform(this);
        }
    }

    /** A fluent id_token: valid by default, every claim can be changed or removed. */
    public final class IdToken {

        private enum Signing { CURRENT, KID, UNPUBLISHED, NONE, HMAC }

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Signing signing = Signing.CURRENT;
        private String signingKid;
        private String headerKid;
        private boolean omitKid;
        private byte[] hmacSecret;

        private IdToken(String nonce) {
            Instant now = clock.instant();
            claims.put("iss", TestPlatform.this.issuer());
            claims.put("aud", clientId);
            claims.put("sub", "user-" + UUID.randomUUID().toString().substring(0, 8));
            claims.put("exp", now.plus(Duration.ofMinutes(5)));
            claims.put("iat", now);
            if (nonce != null) {
                claims.put("nonce", nonce);
            }
            claims.put(DEPLOYMENT_ID, deploymentId);
            claims.put(MESSAGE_TYPE, "LtiResourceLinkRequest");
            claims.put(VERSION, "1.3.0");
            claims.put(TARGET_LINK_URI, DEFAULT_TARGET_LINK_URI);
            resourceLink("rl-1", "Role swap: the discharge meeting");
            claims.put(ROLES, List.of(ROLE_LEARNER));
            context("course-42", "HLTH101", "Working Together in Healthcare");
            claims.put("name", "Ada Lovelace");
            claims.put("given_name", "Ada");
            claims.put("family_name", "Lovelace");
            claims.put("email", "ada@example.org");
            claims.put(CUSTOM, new LinkedHashMap<>(Map.of("professional_group", "clinician")));
            claims.put(TOOL_PLATFORM, Map.of("guid", "test-platform", "product_family_code", "tandem-tests",
                    "version", "1"));
        }

        /** Sets (or replaces) any claim; Instants become NumericDates for exp, iat and nbf. */
        public IdToken claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        /** Removes a claim. */
        public IdToken without(String name) {
            claims.remove(name);
            return this;
        }

        /** Removes one member of an object claim, e.g. {@code without(RESOURCE_LINK, "id")}. */
        @SuppressWarnings("unchecked")
        public IdToken without(String claim, String member) {
            Object value = claims.get(claim);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                copy.remove(member);
                claims.put(claim, copy);
            }
            return this;
        }

        public IdToken issuer(String iss) {
            return claim("iss", iss);
        }

        public IdToken subject(String sub) {
            return claim("sub", sub);
        }

        /** One audience is sent as a string, several as an array. */
        public IdToken audience(String... aud) {
            return claim("aud", aud.length == 1 ? aud[0] : List.of(aud));
        }

        public IdToken authorizedParty(String azp) {
            return claim("azp", azp);
        }

        public IdToken nonce(String nonce) {
            return claim("nonce", nonce);
        }

        public IdToken issuedAt(Instant iat) {
            return claim("iat", iat);
        }

        public IdToken expiresAt(Instant exp) {
            return claim("exp", exp);
        }

        public IdToken deploymentId(String id) {
            return claim(DEPLOYMENT_ID, id);
        }

        public IdToken messageType(String type) {
            return claim(MESSAGE_TYPE, type);
        }

        public IdToken version(String version) {
            return claim(VERSION, version);
        }

        public IdToken targetLinkUri(String uri) {
            return claim(TARGET_LINK_URI, uri);
        }

        public IdToken resourceLink(String id, String title) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", id);
            link.put("title", title);
            return claim(RESOURCE_LINK, link);
        }

        public IdToken roles(String... roles) {
            return claim(ROLES, List.of(roles));
        }

        public IdToken context(String id, String label, String title) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("id", id);
            context.put("label", label);
            context.put("title", title);
            context.put("type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"));
            return claim(CONTEXT, context);
        }

        public IdToken person(String givenName, String familyName, String email) {
            claims.put("given_name", givenName);
            claims.put("family_name", familyName);
            claims.put("name", givenName + " " + familyName);
            claims.put("email", email);
            return this;
        }

        public IdToken custom(Map<String, ?> custom) {
            return claim(CUSTOM, new LinkedHashMap<>(custom));
        }

        /** The AGS endpoint claim with this platform's line item URLs and the usual three scopes. */
        public IdToken assignmentAndGradeService() {
            Map<String, Object> ags = new LinkedHashMap<>();
            ags.put("scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/score"));
            ags.put("lineitems", TestPlatform.this.issuer() + "/courses/course-42/lineitems");
            ags.put("lineitem", TestPlatform.this.issuer() + "/courses/course-42/lineitems/7");
            return claim(AGS_ENDPOINT, ags);
        }

        /** The NRPS claim with this platform's membership URL. */
        public IdToken namesAndRoleService() {
            return claim(NRPS, Map.of("context_memberships_url", TestPlatform.this.issuer() + "/courses/course-42/memberships",
                    "service_versions", List.of("2.0")));
        }

        public IdToken launchPresentation(String documentTarget, String returnUrl, String locale) {
            return claim(LAUNCH_PRESENTATION, Map.of("document_target", documentTarget, "return_url", returnUrl,
                    "locale", locale));
        }

        /**
         * Turns this into an LtiDeepLinkingRequest (Deep Linking 2.0 §4.4): no resource_link,
         * deep_linking_settings returning to this platform.
         */
        public IdToken deepLinking() {
            claims.put(MESSAGE_TYPE, "LtiDeepLinkingRequest");
            claims.remove(RESOURCE_LINK);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("deep_link_return_url", TestPlatform.this.issuer() + "/deep-links/return");
            settings.put("accept_types", List.of("ltiResourceLink"));
            settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
            settings.put("accept_media_types", "application/vnd.ims.lti.v1.ltilink");
            settings.put("accept_multiple", true);
            settings.put("auto_create", true);
            settings.put("title", "Add Tandem activities");
            settings.put("text", "Choose modules, scenarios or instruments");
            settings.put("data", "opaque-platform-data");
            return claim(DEEP_LINKING_SETTINGS, settings);
        }

        /** Signs with a published key chosen by kid, e.g. the one before a rotation. */
        public IdToken signedWithKid(String kid) {
            this.signing = Signing.KID;
            this.signingKid = kid;
            return this;
        }

        /** Signs with a key the platform never published, under that key's own kid. */
        public IdToken signedWithUnpublishedKey() {
            this.signing = Signing.UNPUBLISHED;
            return this;
        }

        /** Puts this kid in the header whatever key signs, e.g. the current kid over an unpublished key. */
        public IdToken headerKid(String kid) {
            this.headerKid = kid;
            return this;
        }

        /** Leaves kid out of the header. */
        public IdToken withoutKid() {
            this.omitKid = true;
            return this;
        }

        /** An unsecured JWT ({@code alg: none}). */
        public IdToken unsigned() {
            this.signing = Signing.NONE;
            return this;
        }

        /** HS256 with this shared secret (at least 32 bytes), under the current kid. */
        public IdToken signedWithHmac(byte[] secret) {
            this.signing = Signing.HMAC;
            this.hmacSecret = secret.clone();
            return this;
        }

        /** The serialized id_token. */
        public String build() {
            JWTClaimsSet claimsSet = claimsSet();
            try {
                switch (signing) {
                    case NONE:
                        return new PlainJWT(claimsSet).serialize();
                    case HMAC: {
                        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, currentKid()), claimsSet);
                        jwt.sign(new MACSigner(hmacSecret));
                        return jwt.serialize();
                    }
                    default: {
                        RSAKey key = switch (signing) {
                            case KID -> publishedKey(signingKid);
                            case UNPUBLISHED -> unpublishedKey();
                            default -> published.get(published.size() - 1);
                        };
                        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, key.getKeyID()), claimsSet);
                        jwt.sign(new RSASSASigner(key));
                        return jwt.serialize();
                    }
                }
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWSHeader header(JWSAlgorithm alg, String keyId) {
            JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
            if (!omitKid) {
                header.keyID(headerKid != null ? headerKid : keyId);
            }
            return header.build();
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> builder.claim(name, value instanceof Instant i ? Date.from(i) : value));
            return builder.build();
        }

        @Override
        public String toString() {
            return "IdToken" + claims + " signing=" + signing + Objects.toString(signingKid, "");
        }
    }
}
