package org.tandem.lti.testing;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole LMS on a loopback port, for the journey tests: the platform side of Dynamic
 * Registration, the OIDC authorization endpoint that signs id_tokens for the launches it started,
 * its JWKS and token endpoint ({@link TestPlatform}), the deep-linking return, Assignment and Grade
 * Services and Names and Role Provisioning. What differs between LMSs (parameters, claim shapes,
 * URLs, answers) is the flavour's: {@link Moodle44} reproduces recorded Moodle 4.4 wire formats,
 * {@link Canvas} Canvas's public developer documentation. Each checks what it receives as that LMS
 * does, so a tool that drops a message hint, posts to the wrong place or signs wrongly fails here.
 */
public abstract class Lms implements AutoCloseable {

    public static final String SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
    public static final String LINE_ITEM_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    public static final String CONTAINER_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    public static final String RESULTS_MEDIA_TYPE = "application/vnd.ims.lis.v2.resultcontainer+json";
    public static final String NRPS_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    static final String SCOPE_RESULT = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    static final String SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A person of the course: the LMS's user id is the {@code sub} of their launches and NRPS user_id. */
    public record Member(String userId, String givenName, String familyName, String email, boolean instructor) {
        public String name() {
            return givenName + " " + familyName;
        }
    }

    /** A link of the course; placed by deep linking, with the grade column made from its lineItem. */
    public record Link(String id, String title, Map<String, String> custom, Optional<String> lineItem) {
    }

    /** How the LMS starts a launch at the tool (LTI Core §4.1): GET or form POST, and its fields. */
    public record LoginStart(String method, Map<String, String> fields) {
        public String field(String name) {
            return fields.get(name);
        }
    }

    /** A score the LMS kept, as it was posted. */
    public record Kept(String lineItem, JsonObject score, Instant at) {
        public String userId() {
            return score.getString("userId");
        }
    }

    /** A login the LMS started and will answer at its authorization endpoint. */
    protected record Pending(Member member, Optional<Link> link, String messageHint) {
        boolean deepLinking() {
            return link.isEmpty();
        }
    }

    /** The tool as it registered: Tandem's URLs and the client_id the LMS gave it. */
    protected record Registration(String clientId, JsonObject request) {
        String loginUrl() {
            return request.getString("initiate_login_uri");
        }

        String launchUrl() {
            return request.getJsonObject(TOOL_CONFIGURATION).getString("target_link_uri");
        }

        List<String> redirectUris() {
            return request.getJsonArray("redirect_uris").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .toList();
        }

        String jwksUri() {
            return request.getString("jwks_uri");
        }
    }

    protected final TestPlatform platform;
    protected final List<Member> members = new CopyOnWriteArrayList<>();
    protected final Map<String, Link> links = new ConcurrentHashMap<>();
    protected final Map<String, JsonObject> lineItems = new ConcurrentHashMap<>();
    private final List<Kept> kept = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    protected final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    protected Lms(TestPlatform platform) {
        this.platform = platform;
        platform.authorization(this::authorize);
    }

    /** The issuer, as the LMS signs it and Tandem registers it. */
    public String issuer() {
        return platform.issuer();
    }

    public String origin() {
        return platform.origin();
    }

    /** Every request this LMS refused, with its reason: a journey that fails says here why. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public Member learner(String userId, String given, String family) {
        return member(new Member(userId, given, family, given.toLowerCase() + "@example.org", false));
    }

    public Member teacher(String userId, String given, String family) {
        return member(new Member(userId, given, family, given.toLowerCase() + "@example.org", true));
    }

    /** A person of the course by name. */
    public Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("nobody called " + name + " in the course"));
    }

    protected Member byId(String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst().orElseThrow();
    }

    private Member member(Member m) {
        members.add(m);
        return m;
    }

    public List<Kept> scores() {
        return List.copyOf(kept);
    }

    public List<Kept> scores(String userId) {
        return kept.stream().filter(k -> k.userId().equals(userId)).toList();
    }

    /** The links of the course, oldest first. */
    public List<Link> links() {
        return links.values().stream().sorted(java.util.Comparator.comparing(Link::id)).toList();
    }

    /** The line item (grade column) as the LMS serves it. */
    public JsonObject lineItem(String id) {
        return lineItems.get(id);
    }

    // ---- Dynamic Registration 1.0 --------------------------------------------------------------

    /** The address the LMS opens (in an iframe) when an administrator registers the tool by its registration URL. */
    public abstract URI registrationStart(URI toolRegistrationUrl);

    /** Keeps the tool's registration; its token requests are verified with the keys at its jwks_uri. */
    protected void registered(Registration r) {
        registrations.put(r.clientId(), r);
        platform.trustTool(r.jwksUri());
    }

    /** What the administrator does after registering: Moodle's Activate, Canvas's install. */
    public abstract void enable();

    /** The client_id the LMS gave the tool at the latest registration. */
    public String clientId() {
        return registrations.values().stream().reduce((a, b) -> b).map(Registration::clientId)
                .orElseThrow(() -> new IllegalStateException("the tool has not registered"));
    }

    /** The deployment the launches of the course come from. */
    public abstract String deploymentId();

    // ---- launches -------------------------------------------------------------------------------

    /** A person opens a link of the course: the login the LMS starts at the tool. */
    public LoginStart open(Member member, Link link) {
        return login(new Pending(member, Optional.of(link), messageHint(member, Optional.of(link))));
    }

    /** A teacher adds an activity with the tool (Deep Linking 2.0). */
    public LoginStart addActivity(Member teacher) {
        return login(new Pending(teacher, Optional.empty(), messageHint(teacher, Optional.empty())));
    }

    private LoginStart login(Pending p) {
        pending.put(p.messageHint(), p);
        return loginStart(p, registration());
    }

    protected Registration registration() {
        return registrations.values().stream().reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the tool has not registered"));
    }

    /** The login_hint the LMS sends for this launch: Moodle's is the user id. */
    protected String loginHint(Pending p) {
        return p.member().userId();
    }

    /** The flavour's lti_message_hint for this launch. */
    protected abstract String messageHint(Member member, Optional<Link> link);

    /** The flavour's login initiation for this launch. */
    protected abstract LoginStart loginStart(Pending pending, Registration registration);

    /** The claims of the id_token answering this launch: the flavour's shapes, the launch's values. */
    protected abstract Map<String, Object> idToken(Pending pending, Registration registration, String nonce);

    /** Fields the flavour adds to the form_post of the id_token (Canvas: lti_storage_target). */
    protected Map<String, String> launchFields() {
        return Map.of();
    }

    /**
     * The OIDC authorization endpoint (Security Framework §5.1.1.2-3): the request must answer a
     * login this LMS started, with the message hint back exactly as sent, the login_hint of that
     * person and a registered redirect URI; the answer is the auto-posting form of a real LMS.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = TestPlatform.form("POST".equals(exchange.getRequestMethod()) ? TestPlatform.body(exchange)
                : exchange.getRequestURI().getRawQuery());
        List<String> problems = new ArrayList<>();
        Pending p = pending.get(String.valueOf(q.get("lti_message_hint")));
        Registration r = registrations.get(String.valueOf(q.get("client_id")));
        if (p == null) {
            problems.add("lti_message_hint " + q.get("lti_message_hint") + " is not one this LMS sent");
        }
        if (r == null) {
            problems.add("client_id " + q.get("client_id") + " is not registered");
        } else if (!r.redirectUris().contains(q.get("redirect_uri"))) {
            problems.add("redirect_uri " + q.get("redirect_uri") + " is not registered");
        }
        if (p != null && !loginHint(p).equals(q.get("login_hint"))) {
            problems.add("login_hint " + q.get("login_hint") + " is not the user of this launch");
        }
        if (!"id_token".equals(q.get("response_type")) || !"form_post".equals(q.get("response_mode"))
                || !"openid".equals(q.get("scope")) || q.get("nonce") == null || q.get("state") == null) {
            problems.add("not an LTI authentication request: " + q);
        }
        if (!problems.isEmpty()) {
            refuse(exchange, 400, "text/html", "<html><p>" + String.join("; ", problems) + "</p></html>", problems);
            return;
        }
        Map<String, Object> claims = idToken(p, r, q.get("nonce"));
        StringBuilder form = new StringBuilder("<html><body><form id=\"autopost\" method=\"post\" action=\"")
                .append(html(q.get("redirect_uri"))).append("\">")
                .append(hidden("id_token", platform.sign(claims))).append(hidden("state", q.get("state")));
        launchFields().forEach((name, value) -> form.append(hidden(name, value)));
        TestPlatform.respond(exchange, 200, "text/html; charset=utf-8", form.append("</form></body></html>").toString());
    }

    // ---- the deep-linking return (Deep Linking 2.0 §4.5) ----------------------------------------

    /**
     * Verifies the tool's LtiDeepLinkingResponse as an LMS must (signature by the tool's published
     * kid, iss = client_id, aud = issuer, deployment, message type, version) and places its links,
     * each ltiResourceLink's lineItem becoming a grade column.
     */
    protected List<Link> acceptDeepLinkingResponse(String jwt, Optional<String> expectedData) {
        Registration r = registration();
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            JWKSet keys = JWKSet.load(URI.create(r.jwksUri()).toURL());
            var key = keys.getKeyByKeyId(signed.getHeader().getKeyID());
            if (key == null || !signed.verify(new RSASSAVerifier(key.toRSAKey()))) {
                throw new IllegalArgumentException("the response is not signed with a key the tool publishes");
            }
            JWTClaimsSet c = signed.getJWTClaimsSet();
            require(r.clientId().equals(c.getIssuer()), "iss must be the client_id " + r.clientId());
            require(c.getAudience().contains(issuer()), "aud must contain the issuer " + issuer());
            require(c.getExpirationTime() != null && c.getExpirationTime().toInstant().isAfter(Instant.now()), "expired");
            require("LtiDeepLinkingResponse".equals(c.getStringClaim(TestPlatform.MESSAGE_TYPE)), "message_type");
            require("1.3.0".equals(c.getStringClaim(TestPlatform.VERSION)), "version");
            require(deploymentId().equals(c.getStringClaim(TestPlatform.DEPLOYMENT_ID)), "deployment_id");
            String data = c.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data");
            require(java.util.Objects.equals(expectedData.orElse(null), data), "data must be echoed: " + data);
            List<Link> placed = new ArrayList<>();
            JsonArray items = json(signed.getPayload().toString()).getJsonArray("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
            for (JsonObject item : items.getValuesAs(JsonObject.class)) {
                require("ltiResourceLink".equals(item.getString("type", null)), "only ltiResourceLink is accepted");
                placed.add(place(item));
            }
            return placed;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | IOException e) {
            throw new IllegalArgumentException("not a signed JWT: " + e.getMessage(), e);
        }
    }

    private Link place(JsonObject item) {
        String linkId = String.valueOf(100 + sequence.incrementAndGet());
        Map<String, String> custom = new LinkedHashMap<>();
        if (item.get("custom") instanceof JsonObject o) {
            o.forEach((k, v) -> custom.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        Optional<String> lineItem = Optional.empty();
        if (item.get("lineItem") instanceof JsonObject li) {
            String id = lineItemUrl(String.valueOf(sequence.incrementAndGet()));
            lineItems.put(id, lineItemJson(id, li, linkId));
            lineItem = Optional.of(id);
        }
        Link link = new Link(linkId, item.getString("title", "Untitled"), Map.copyOf(custom), lineItem);
        links.put(linkId, link);
        return link;
    }

    /** The URL of line item n in the flavour's shape. */
    protected abstract String lineItemUrl(String n);

    /** The line item the LMS makes from a deep-linked lineItem. */
    protected JsonObject lineItemJson(String id, JsonObject requested, String linkId) {
        return Json.createObjectBuilder().add("id", id).add("label", requested.getString("label", ""))
                .add("scoreMaximum", requested.getJsonNumber("scoreMaximum"))
                .add("resourceId", requested.getString("resourceId", "")).add("tag", requested.getString("tag", ""))
                .add("resourceLinkId", linkId).build();
    }

    // ---- Assignment and Grade Services 2.0 ------------------------------------------------------

    /** Keeps a score posted to a line item; the flavour answers. Null: refused (answered already). */
    protected Kept keepScore(HttpExchange exchange, String lineItem, String body) throws IOException {
        java.util.Set<String> scopes = platform.bearerScopes(exchange);
        if (scopes == null || !scopes.contains(SCOPE_SCORE)) {
            refuse(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}", List.of("score without a score token"));
            return null;
        }
        if (!SCORE_MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            refuse(exchange, 415, "text/plain", "expected " + SCORE_MEDIA_TYPE, List.of("score media type"));
            return null;
        }
        if (!lineItems.containsKey(lineItem)) {
            refuse(exchange, 404, "text/plain", "no line item " + lineItem, List.of("score for unknown line item " + lineItem));
            return null;
        }
        Kept k = new Kept(lineItem, json(body), Instant.now());
        kept.add(k);
        return k;
    }

    /**
     * The line item container (AGS 2.0 §3.2): GET lists the course's line items, filtered by
     * resource_id, tag and resource_link_id; POST creates one, answered with this status.
     */
    protected void lineItemContainer(HttpExchange exchange, String body, int createdStatus) throws IOException {
        if (!authorized(exchange, SCOPE_LINEITEM)) {
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            String id = lineItemUrl(String.valueOf(50 + lineItems.size()));
            JsonObject requested = json(body);
            JsonObject created = lineItemJson(id, requested, requested.getString("resourceLinkId", ""));
            lineItems.put(id, created);
            TestPlatform.respond(exchange, createdStatus, LINE_ITEM_MEDIA_TYPE, created.toString());
            return;
        }
        Map<String, String> filter = TestPlatform.form(exchange.getRequestURI().getRawQuery());
        jakarta.json.JsonArrayBuilder items = Json.createArrayBuilder();
        lineItems.values().stream()
                .filter(i -> matches(filter, "resource_id", i.getString("resourceId", "")))
                .filter(i -> matches(filter, "tag", i.getString("tag", "")))
                .filter(i -> matches(filter, "resource_link_id", i.getString("resourceLinkId", "")))
                .forEach(items::add);
        TestPlatform.respond(exchange, 200, CONTAINER_MEDIA_TYPE, items.build().toString());
    }

    private static boolean matches(Map<String, String> filter, String name, String value) {
        return !filter.containsKey(name) || filter.get(name).equals(value);
    }

    /** Whether a service call carries a token of this LMS with the scope; answers 401 when not. */
    protected boolean authorized(HttpExchange exchange, String scope) throws IOException {
        java.util.Set<String> scopes = platform.bearerScopes(exchange);
        if (scopes == null || !scopes.contains(scope)) {
            refuse(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}",
                    List.of(exchange.getRequestURI() + " without a token for " + scope));
            return false;
        }
        return true;
    }

    // ---- plumbing ------------------------------------------------------------------------------

    protected void refuse(HttpExchange exchange, int status, String type, String body, List<String> why) throws IOException {
        refusals.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> " + status + ": " + why);
        TestPlatform.respond(exchange, status, type, body);
    }

    protected static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    /** A recorded or documented wire format from src/test/resources, as text. */
    protected static String resource(String path) {
        try (InputStream in = Lms.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A JSON object as the Map a JWT claims set takes (numbers, nulls and nesting kept). */
    protected static Map<String, Object> claims(JsonObject json) {
        Map<String, Object> map = new LinkedHashMap<>();
        json.forEach((k, v) -> map.put(k, value(v)));
        return map;
    }

    private static Object value(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((jakarta.json.JsonNumber) v).isIntegral() ? (Object) ((jakarta.json.JsonNumber) v).longValue()
                    : ((jakarta.json.JsonNumber) v).doubleValue();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
            case ARRAY -> ((JsonArray) v).stream().map(Lms::value).toList();
            case OBJECT -> claims((JsonObject) v);
        };
    }

    /** Replaces members of a JSON object, keeping the rest as it is. */
    protected static JsonObject with(JsonObject o, Map<String, ?> changes) {
        JsonObjectBuilder b = Json.createObjectBuilder(o);
        changes.forEach((k, v) -> {
            if (v == null) {
                b.addNull(k);
            } else if (v instanceof JsonValue j) {
                b.add(k, j);
            } else if (v instanceof Long || v instanceof Integer) {
                b.add(k, ((Number) v).longValue());
            } else if (v instanceof Number n) {
                b.add(k, n.doubleValue());
            } else {
                b.add(k, String.valueOf(v));
            }
        });
        return b.build();
    }

    /** The tool's URL with the LMS's parameters added, as the LMS opens it. */
    protected static URI withQuery(URI base, String... namesAndValues) {
        org.tandem.lti.QueryString q = org.tandem.lti.QueryString.on(base);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            q.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return q.toUri();
    }

    protected static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + html(name) + "\" value=\"" + html(value) + "\">";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        platform.close();
    }
}
