package org.tandem.lti.ags;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform side of AGS for tests, over real HTTP on a loopback port: a token endpoint that
 * verifies the client assertion as an LMS does (signature with the tool's registered public key,
 * grant fields, iss/sub/aud/iat/exp/jti), and line item and score endpoints that demand a Bearer
 * token it issued with the right scope and the AGS media types. Tests set the answers they need.
 */
public final class AgsTestPlatform implements AutoCloseable {

    public static final String CLIENT_ID = "tandem-client-7";

    public record Received(String method, String path, String query, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Clock clock;
    private volatile RSAKey registeredKey;
    private final Map<String, Set<String>> issued = new ConcurrentHashMap<>();
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final List<JWTClaimsSet> assertions = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final List<JsonObject> lineItems = new CopyOnWriteArrayList<>();
    volatile long expiresIn = 3600;
    /** Status the token endpoint answers instead of a token (0: issue tokens). */
    public volatile int tokenFailure;
    /** Status the scores endpoint answers, with scoreAnswer as body. */
    public volatile int scoreStatus = 200;
    public volatile String scoreAnswer = "";
    /** Tokens the platform has forgotten (as after a restart). */
    final Set<String> revoked = ConcurrentHashMap.newKeySet();

    public AgsTestPlatform(RSAKey toolPublicKey, Clock clock) throws IOException {
        this.registeredKey = toolPublicKey.toPublicJWK();
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/courses/", this::course);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI tokenUrl() {
        return base().resolve("/token");
    }

    public URI lineItemsUrl() {
        return base().resolve("/courses/3/lineitems");
    }

    public TokenEndpoint endpoint() {
        return new TokenEndpoint(tokenUrl(), CLIENT_ID);
    }

    public void registerKey(RSAKey key) {
        registeredKey = key.toPublicJWK();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public List<JWTClaimsSet> assertions() {
        return assertions;
    }

    public List<Received> received() {
        return received;
    }

    public List<Received> received(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    public void addLineItem(String label, String resourceId, String tag) {
        int n = lineItems.size() + 1;
        lineItems.add(Json.createObjectBuilder()
                .add("id", lineItemsUrl() + "/" + n + "/lineitem?type_id=3")
                .add("label", label).add("scoreMaximum", 10)
                .add("resourceId", resourceId).add("tag", tag).build());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- token endpoint (Security Framework §4.1) ----

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Received request = record(exchange);
        if (!"POST".equals(request.method())
                || !request.headers().getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        if (tokenFailure >= 500) {
            respond(exchange, tokenFailure, "<html>Service Unavailable</html>");
            return;
        }
        if (tokenFailure > 0) {
            respond(exchange, tokenFailure, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
            return;
        }
        Map<String, String> form = form(request.body());
        String problem = checkAssertion(form);
        if (problem != null) {
            respond(exchange, 401, Json.createObjectBuilder().add("error", "invalid_client")
                    .add("error_description", problem).build().toString());
            return;
        }
        String token = "token-" + tokenCounter.incrementAndGet();
        issued.put(token, new HashSet<>(Arrays.asList(form.get("scope").split(" "))));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        respond(exchange, 200, Json.createObjectBuilder().add("access_token", token).add("token_type", "Bearer")
                .add("expires_in", expiresIn).add("scope", form.get("scope")).build().toString());
    }

    private String checkAssertion(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "grant_type must be client_credentials";
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "wrong client_assertion_type";
        }
        if (form.get("scope") == null || form.get("scope").isBlank()) {
            return "no scope";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !registeredKey.getKeyID().equals(jwt.getHeader().getKeyID())) {
                return "unknown kid or algorithm";
            }
            if (!jwt.verify(new RSASSAVerifier(registeredKey))) {
                return "signature does not verify with the registered key";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!CLIENT_ID.equals(claims.getIssuer()) || !CLIENT_ID.equals(claims.getSubject())) {
                return "iss and sub must be the client_id";
            }
            if (!claims.getAudience().contains(tokenUrl().toString())) {
                return "aud must be the token URL";
            }
            // strict like Moodle: no assertion issued in the future
            if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().isAfter(now)
                    || claims.getIssueTime().toInstant().isBefore(now.minus(Duration.ofMinutes(5)))) {
                return "iat out of range";
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
                return "assertion expired";
            }
            if (claims.getJWTID() == null || !seenJti.add(claims.getJWTID())) {
                return "jti missing or replayed";
            }
            assertions.add(claims);
            return null;
        } catch (Exception e) {
            return "malformed assertion: " + e.getMessage();
        }
    }

    // ---- line items and scores (AGS 2.0 §3.2, §3.4) ----

    private void course(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        String path = request.path();
        String auth = request.headers().getOrDefault("authorization", "");
        String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
        Set<String> scopes = revoked.contains(token) ? null : issued.get(token);
        if (scopes == null) {
            respond(exchange, 401, "{\"error\":\"invalid token\"}");
            return;
        }
        if (path.endsWith("/scores") && "POST".equals(request.method())) {
            if (!scopes.contains(AgsScope.SCORE.uri())) {
                respond(exchange, 403, "scope");
            } else if (!Score.MEDIA_TYPE.equals(request.headers().get("content-type"))) {
                respond(exchange, 415, "score media type expected");
            } else {
                respond(exchange, scoreStatus, scoreAnswer);
            }
            return;
        }
        if (path.equals(lineItemsUrl().getPath())) {
            if (!scopes.contains(AgsScope.LINEITEM.uri())) {
                respond(exchange, 403, "scope");
            } else if ("GET".equals(request.method())) {
                if (!LineItem.CONTAINER_MEDIA_TYPE.equals(request.headers().get("accept"))) {
                    respond(exchange, 406, "container media type expected");
                    return;
                }
                Map<String, String> query = form(request.query() == null ? "" : request.query());
                JsonArrayBuilder items = Json.createArrayBuilder();
                lineItems.stream()
                        .filter(i -> !query.containsKey("resource_id") || query.get("resource_id").equals(i.getString("resourceId", null)))
                        .filter(i -> !query.containsKey("tag") || query.get("tag").equals(i.getString("tag", null)))
                        .forEach(items::add);
                exchange.getResponseHeaders().set("Content-Type", LineItem.CONTAINER_MEDIA_TYPE);
                respond(exchange, 200, items.build().toString());
            } else if ("POST".equals(request.method())) {
                if (!LineItem.MEDIA_TYPE.equals(request.headers().get("content-type"))) {
                    respond(exchange, 415, "line item media type expected");
                    return;
                }
                JsonObject item = Json.createReader(new StringReader(request.body())).readObject();
                JsonObject created = Json.createObjectBuilder(item)
                        .add("id", lineItemsUrl() + "/" + (lineItems.size() + 1) + "/lineitem?type_id=3").build();
                lineItems.add(created);
                exchange.getResponseHeaders().set("Content-Type", LineItem.MEDIA_TYPE);
                respond(exchange, 201, created.toString());
            } else {
                respond(exchange, 405, "");
            }
            return;
        }
        respond(exchange, 404, "not found");
    }

    private Received record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        received.add(request);
        return request;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
