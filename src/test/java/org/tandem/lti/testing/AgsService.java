package org.tandem.lti.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Assignment and Grade Services of a {@link TestPlatform}, for real over its HTTP port: a
 * course's line item container (GET with resource_id/tag filters, POST to create) and each line
 * item's score endpoint. Every call needs a Bearer token the platform's token endpoint issued,
 * with the right scope and media types. Scores follow the rules real platforms apply: a
 * timestamp not newer than the last one kept for that user is refused with 409 (Moodle). Tests
 * can make the score endpoint fail the next N calls, or refuse one user (Canvas' 422).
 */
public final class AgsService {

    public static final String SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
    public static final String LINE_ITEM_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    public static final String CONTAINER_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

    /** A score the platform kept. */
    public record Kept(String lineItem, String query, JsonObject score, Instant receivedAt) {
        public String userId() {
            return score.getString("userId");
        }

        public Instant timestamp() {
            return Instant.parse(score.getString("timestamp"));
        }
    }

    /** A line item created through the container. */
    public record Created(String id, JsonObject body) {
    }

    private final TestPlatform platform;
    private final List<Kept> kept = new CopyOnWriteArrayList<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> lineItems = new ConcurrentHashMap<>();
    private final Map<String, Instant> latest = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusedUsers = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger scoreCalls = new AtomicInteger();
    private final AtomicInteger stale = new AtomicInteger();
    private volatile int failureStatus = 503;

    private AgsService(TestPlatform platform) {
        this.platform = platform;
        platform.serve("/platform/courses/", this::handle);
    }

    /** Serves AGS on the platform's port, under {@code issuer()/courses/}. */
    public static AgsService on(TestPlatform platform) {
        return new AgsService(platform);
    }

    /** The line item container of a course, as the AGS claim's {@code lineitems} names it. */
    public String lineItemsUrl(String contextId) {
        return platform.issuer() + "/courses/" + contextId + "/lineitems";
    }

    /** A line item that exists already (as when the platform made it from a deep-linking response). */
    public String existingLineItem(String contextId, String label, String resourceId) {
        String id = lineItemsUrl(contextId) + "/" + (lineItems.size() + 1) + "?type_id=3";
        lineItems.put(id, Json.createObjectBuilder().add("id", id).add("label", label).add("scoreMaximum", 100)
                .add("resourceId", resourceId).add("tag", "tandem").build());
        return id;
    }

    /** The AGS endpoint claim for a launch: the three usual scopes, the course's container, and the link's line item if any. */
    public Map<String, Object> claim(String contextId, String lineItem) {
        Map<String, Object> claim = new java.util.LinkedHashMap<>();
        claim.put("scope", List.of(SCOPE_LINEITEM, "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly", SCOPE_SCORE));
        claim.put("lineitems", lineItemsUrl(contextId));
        if (lineItem != null) {
            claim.put("lineitem", lineItem);
        }
        return claim;
    }

    /** The next {@code n} score calls answer {@code status} (503: the LMS is down). */
    public void failNext(int n, int status) {
        this.failureStatus = status;
        this.failures.set(n);
    }

    /** Scores for this user are refused with this status, as Canvas does (422) for its test student. */
    public void refuse(String userId, int status) {
        refusedUsers.put(userId, status);
    }

    public List<Kept> kept() {
        return List.copyOf(kept);
    }

    public List<Kept> kept(String userId) {
        return kept.stream().filter(k -> k.userId().equals(userId)).toList();
    }

    public List<Created> created() {
        return List.copyOf(created);
    }

    /** Scores refused because their timestamp was not newer: a score sent twice ends here. */
    public int staleScores() {
        return stale.get();
    }

    /** Every call to a score endpoint, answered or refused. */
    public int scoreCalls() {
        return scoreCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Set<String> scopes = platform.bearerScopes(exchange);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = TestPlatform.body(exchange);
        if (scopes == null) {
            TestPlatform.respond(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        String url = platform.origin() + path;
        if (path.endsWith("/scores") && "POST".equals(method)) {
            score(exchange, scopes, url.substring(0, url.length() - "/scores".length()) + (query == null ? "" : "?" + query),
                    query, body);
        } else if (path.endsWith("/lineitems")) {
            container(exchange, scopes, method, url, query, body);
        } else {
            TestPlatform.respond(exchange, 404, "text/plain", "no such AGS endpoint: " + method + " " + path);
        }
    }

    private void score(HttpExchange exchange, Set<String> scopes, String lineItem, String query, String body) throws IOException {
        scoreCalls.incrementAndGet();
        if (!scopes.contains(SCOPE_SCORE)) {
            TestPlatform.respond(exchange, 403, "text/plain", "the token lacks the score scope");
            return;
        }
        if (!SCORE_MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            TestPlatform.respond(exchange, 415, "text/plain", "expected " + SCORE_MEDIA_TYPE);
            return;
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            TestPlatform.respond(exchange, failureStatus, "text/html", "<html>Service Unavailable</html>");
            return;
        }
        JsonObject score = Json.createReader(new StringReader(body)).readObject();
        String user = score.getString("userId", "");
        Integer refused = refusedUsers.get(user);
        if (refused != null) {
            TestPlatform.respond(exchange, refused, "application/json",
                    "{\"errors\":{\"type\":\"unprocessable_entity\",\"message\":\"User not found in course or is not a student\"}}");
            return;
        }
        Instant timestamp = Instant.parse(score.getString("timestamp"));
        String key = lineItem + " " + user;
        Instant before = latest.get(key);
        if (before != null && !timestamp.isAfter(before)) {
            stale.incrementAndGet();
            TestPlatform.respond(exchange, 409, "application/json",
                    "{\"message\":\"Timestamp " + timestamp + " is not after the latest score's " + before + "\"}");
            return;
        }
        latest.put(key, timestamp);
        kept.add(new Kept(lineItem, query, score, Instant.now()));
        TestPlatform.respond(exchange, 200, null, "");
    }

    private void container(HttpExchange exchange, Set<String> scopes, String method, String url, String query, String body)
            throws IOException {
        if (!scopes.contains(SCOPE_LINEITEM)) {
            TestPlatform.respond(exchange, 403, "text/plain", "the token lacks the lineitem scope");
            return;
        }
        if ("GET".equals(method)) {
            Map<String, String> filter = TestPlatform.form(query);
            JsonArrayBuilder items = Json.createArrayBuilder();
            lineItems.values().stream().filter(i -> i.getString("id").startsWith(url + "/"))
                    .filter(i -> !filter.containsKey("resource_id") || filter.get("resource_id").equals(i.getString("resourceId", null)))
                    .filter(i -> !filter.containsKey("tag") || filter.get("tag").equals(i.getString("tag", null)))
                    .forEach(items::add);
            TestPlatform.respond(exchange, 200, CONTAINER_MEDIA_TYPE, items.build().toString());
        } else if ("POST".equals(method)) {
            if (!LINE_ITEM_MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                TestPlatform.respond(exchange, 415, "text/plain", "expected " + LINE_ITEM_MEDIA_TYPE);
                return;
            }
            JsonObject item = Json.createReader(new StringReader(body)).readObject();
            String id = url + "/" + (lineItems.size() + 1) + "?type_id=3";
            JsonObject stored = Json.createObjectBuilder(item).add("id", id).build();
            lineItems.put(id, stored);
            created.add(new Created(id, item));
            TestPlatform.respond(exchange, 201, LINE_ITEM_MEDIA_TYPE, stored.toString());
        } else {
            TestPlatform.respond(exchange, 405, "text/plain", "method not allowed");
        }
    }
}
