package org.tandem.lti.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canvas as an LTI 1.3 platform, built from Canvas's public developer documentation
 * (src/test/resources/platforms/canvas: its README names the page behind each behaviour). Like
 * Instructure-hosted Canvas, several institutions (accounts) share one issuer and each registration
 * is a developer key with its own client_id; the OIDC endpoints live on another host than the
 * issuer ({@code 127.0.0.1} here, as {@code sso.canvaslms.com} there).
 */
public final class Canvas extends Lms {

    static final String DIR = "/platforms/canvas/";
    private static final String DOC_ISSUER = "https://canvas.instructure.com";
    private static final String DOC_SSO = "https://sso.canvaslms.com";
    static final String COURSE = "1";
    public static final String STORAGE_TARGET = "post_message_forwarding";
    private static final Pattern LINE_ITEM = Pattern.compile("/api/lti/courses/" + COURSE + "/line_items/(\\d+)(/scores|/results)?");
    private static final int NRPS_PAGE = 2;

    /** A developer key: the account it was registered in and the deployment its installation made. */
    private record DeveloperKey(String account, Optional<String> deployment) {
    }

    private final Map<String, String> registrationTokens = new ConcurrentHashMap<>();
    private final Map<String, DeveloperKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> latestScore = new ConcurrentHashMap<>();
    private final Map<String, String> deepLinkingData = new ConcurrentHashMap<>();
    private volatile String current;
    private volatile String account = "Test University";

    private Canvas(TestPlatform platform) {
        super(platform);
        platform.serve("/api/lti/security/openid-configuration", this::configuration);
        platform.serve("/api/lti/registrations", this::register);
        platform.serve("/api/lti/courses/" + COURSE + "/", this::services);
        platform.serve("/courses/" + COURSE + "/deep_linking_response", this::deepLinkingReturn);
        members.add(new Member("3b5b6f2e-5a1c-4f1e-9a51-2f0d6c1b7a10", "Tess", "Trainer", "tess@example.org", true));
        members.add(new Member("82c59950-9ec3-4ae9-ad32-208c158143e0", "Mia", "Manager", "mia@example.org", false));
        members.add(new Member("c7a2d7f4-0b6e-4d8e-8b1a-6f3f2e9d4c21", "Cal", "Clinician", "cal@example.org", false));
        members.add(new Member("e1f0c3b2-7d4a-4c59-b8e6-9a2d5f1c3e44", "Nia", "Nurse", "nia@example.org", false));
        String item = lineItemUrl("1");
        lineItems.put(item, Json.createObjectBuilder().add("id", item).add("scoreMaximum", 10).add("label", "First steps")
                .add("resourceId", "").add("tag", "").add("resourceLinkId", "7f956bcc8f67cd076ae464862ce83596a1bb3293").build());
        links.put("7f956bcc8f67cd076ae464862ce83596a1bb3293", new Link("7f956bcc8f67cd076ae464862ce83596a1bb3293",
                "First steps", Map.of(), Optional.of(item)));
    }

    /** A Canvas on a loopback port: issuer on localhost, OIDC endpoints on 127.0.0.1, a strict token endpoint. */
    public static Canvas start() {
        return new Canvas(TestPlatform.builder().clientId("10000000000001").paths(new TestPlatform.Paths("",
                "/api/lti/authorize_redirect", "/api/lti/security/jwks", "/login/oauth2/token", "127.0.0.1")).start());
    }

    /** A documented file with the documentation's hosts replaced by this Canvas's. */
    private String documented(String file) {
        return resource(DIR + file).replace(DOC_SSO, platform.endpointOrigin()).replace(DOC_ISSUER, origin());
    }


    /** The course's assignment "First steps", graded out of 10 (line item 1). */
    public Link firstSteps() {
        return links.get("7f956bcc8f67cd076ae464862ce83596a1bb3293");
    }

    /** The registrations that follow are made in this account (institution) of the hosted Canvas. */
    public void account(String name) {
        this.account = name;
    }

    /** Launches that follow use this developer key. */
    public void useKey(String clientId) {
        require(keys.containsKey(clientId), "no developer key " + clientId);
        this.current = clientId;
    }

    @Override
    protected Registration registration() {
        return current == null ? super.registration() : registrations.get(current);
    }

    @Override
    public String clientId() {
        return registration().clientId();
    }

    // ---- Registration (file.registration) -----------------------------------------------------

    @Override
    public URI registrationStart(URI toolRegistrationUrl) {
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"uuid\":\"" + java.util.UUID.randomUUID() + "\",\"exp\":" + Instant.now().plusSeconds(3600)
                        .getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + "." + random("abcdefghijklmnopqrstuvwxyz0123456789_-", 43);
        registrationTokens.put(token, account);
        return withQuery(toolRegistrationUrl, "openid_configuration", origin() + "/api/lti/security/openid-configuration",
                "registration_token", token);
    }

    /** The OpenID configuration needs the registration token as a Bearer token too. */
    private void configuration(HttpExchange exchange) throws IOException {
        String account = account(exchange);
        if (account == null) {
            refuse(exchange, 401, "application/json", "{\"errors\":[{\"message\":\"Invalid registration token\"}]}",
                    List.of("openid-configuration without the registration token"));
            return;
        }
        JsonObject config = json(documented("openid-configuration.json"));
        String lti = "https://purl.imsglobal.org/spec/lti-platform-configuration";
        TestPlatform.respond(exchange, 200, "application/json", with(config, Map.of(lti, with(config.getJsonObject(lti),
                Map.of("https://canvas.instructure.com/lti/account_name", account)))).toString());
    }

    private String account(HttpExchange exchange) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        return auth.startsWith("Bearer ") ? registrationTokens.get(auth.substring(7)) : null;
    }

    private void register(HttpExchange exchange) throws IOException {
        String body = TestPlatform.body(exchange);
        String account = account(exchange);
        if (account == null || !"POST".equals(exchange.getRequestMethod())) {
            refuse(exchange, 401, "application/json", "{\"errors\":[{\"message\":\"Invalid registration token\"}]}",
                    List.of("registration without the registration token"));
            return;
        }
        JsonObject request = json(body);
        String clientId = "1000000000000" + (keys.size() + 1);
        keys.put(clientId, new DeveloperKey(account, Optional.empty()));
        platform.acceptClient(clientId);
        registered(new Registration(clientId, request));
        current = clientId;
        // "the registration endpoint will respond with the created registration, along with ... client_id"
        TestPlatform.respond(exchange, 200, "application/json", with(request, Map.of("client_id", clientId)).toString());
    }

    /** The administrator installs the key in the account: Canvas makes the deployment then. */
    @Override
    public void enable() {
        String clientId = clientId();
        keys.put(clientId, new DeveloperKey(keys.get(clientId).account(),
                Optional.of((180 + keys.size()) + ":" + random("0123456789abcdef", 40))));
    }

    @Override
    public String deploymentId() {
        return keys.get(clientId()).deployment().orElseThrow(() -> new IllegalStateException("the key is not installed"));
    }

    // ---- launches (file.lti_launch_overview) --------------------------------------------------

    /** Canvas's login_hint is an opaque hash of the user, not the sub of the launch. */
    static String loginHint(Member m) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(m.userId().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String loginHint(Pending p) {
        return loginHint(p.member());
    }

    @Override
    protected String messageHint(Member member, Optional<Link> link) {
        // Canvas's hint is a signed JWT of its own; the tool only hands it back
        String payload = "{\"verifier\":\"" + random("0123456789abcdef", 64) + "\",\"canvas_domain\":\"" + origin()
                + "\",\"context_type\":\"Course\",\"context_id\":10000000000003,\"canvas_locale\":\"en\","
                + "\"include_storage_target\":true,\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}";
        return "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + random("abcdefghijklmnopqrstuvwxyz0123456789_-", 43);
    }

    /** Resource links log in by form POST; deep linking by GET (the overview allows either). */
    @Override
    protected LoginStart loginStart(Pending p, Registration r) {
        JsonObject documented = json(documented("login-initiation.json"));
        Map<String, String> fields = new LinkedHashMap<>();
        documented.getJsonObject("fields").forEach((name, value) -> fields.put(name, ((jakarta.json.JsonString) value).getString()));
        fields.put("iss", issuer());
        fields.put("login_hint", loginHint(p.member()));
        fields.put("client_id", r.clientId());
        fields.put("lti_deployment_id", deploymentId());
        fields.put("deployment_id", deploymentId());
        fields.put("target_link_uri", r.launchUrl());
        fields.put("lti_message_hint", p.messageHint());
        return new LoginStart(p.deepLinking() ? "GET" : documented.getString("method"), fields);
    }

    /** "lti_storage_target ... provided as a body parameter in both login and launch requests". */
    @Override
    protected Map<String, String> launchFields() {
        return Map.of("lti_storage_target", STORAGE_TARGET);
    }

    @Override
    protected Map<String, Object> idToken(Pending p, Registration r, String nonce) {
        JsonObject payload = json(documented(p.deepLinking() ? "id-token-deep-linking-request.json" : "id-token-resource-link.json"));
        Member m = p.member();
        Instant now = Instant.now();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("aud", r.clientId());
        changes.put("azp", r.clientId());
        changes.put(TestPlatform.DEPLOYMENT_ID, deploymentId());
        changes.put("iat", now.getEpochSecond());
        changes.put("exp", now.plusSeconds(3600).getEpochSecond());
        changes.put("nonce", nonce);
        changes.put("sub", m.userId());
        changes.put(TestPlatform.TARGET_LINK_URI, r.launchUrl());
        changes.put("email", m.email());
        changes.put("name", m.name());
        changes.put("given_name", m.givenName());
        changes.put("family_name", m.familyName());
        changes.put(TestPlatform.LTI + "lti11_legacy_user_id", loginHint(m));
        changes.put(TestPlatform.LTI + "lti1p1", with(payload.getJsonObject(TestPlatform.LTI + "lti1p1"), Map.of("user_id", loginHint(m))));
        changes.put(TestPlatform.ROLES, m.instructor() ? Json.createArrayBuilder()
                .add("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor")
                .add("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")
                .add("http://purl.imsglobal.org/vocab/lis/v2/system/person#User").build()
                : payload.getJsonArray(TestPlatform.ROLES));
        JsonObject tool = payload.getJsonObject(TestPlatform.TOOL_PLATFORM);
        changes.put(TestPlatform.TOOL_PLATFORM, with(tool, Map.of("name", keys.get(r.clientId()).account())));
        Map<String, String> custom = new LinkedHashMap<>();
        payload.getJsonObject(TestPlatform.CUSTOM).forEach((k, v) -> custom.put(k, ((jakarta.json.JsonString) v).getString()));
        if (p.deepLinking()) {
            String dl = TestPlatform.DEEP_LINKING_SETTINGS;
            String data = messageHint(m, Optional.empty());
            deepLinkingData.put(r.clientId(), data);
            changes.put(dl, with(payload.getJsonObject(dl), Map.of("data", data)));
        } else {
            Link link = p.link().orElseThrow();
            custom.putAll(link.custom());
            changes.put(TestPlatform.RESOURCE_LINK, with(payload.getJsonObject(TestPlatform.RESOURCE_LINK), Map.of("id", link.id())));
            JsonObject ags = payload.getJsonObject(TestPlatform.AGS_ENDPOINT);
            changes.put(TestPlatform.AGS_ENDPOINT, link.lineItem().map(li -> with(ags, Map.of("lineitem", li)))
                    .orElseGet(() -> Json.createObjectBuilder(ags).remove("lineitem").build()));
        }
        changes.put(TestPlatform.CUSTOM, with(Json.createObjectBuilder().build(), custom));
        return claims(with(payload, changes));
    }

    // ---- deep linking --------------------------------------------------------------------------

    private void deepLinkingReturn(HttpExchange exchange) throws IOException {
        Map<String, String> form = TestPlatform.form(TestPlatform.body(exchange));
        try {
            List<Link> placed = acceptDeepLinkingResponse(form.get("JWT"), Optional.ofNullable(deepLinkingData.get(clientId())));
            TestPlatform.respond(exchange, 200, "text/html", "<p>" + placed.size() + " item(s) added</p>");
        } catch (IllegalArgumentException e) {
            refuse(exchange, 400, "application/json", "{\"errors\":[{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}]}",
                    List.of("deep-linking response: " + e.getMessage()));
        }
    }

    @Override
    protected String lineItemUrl(String n) {
        return origin() + "/api/lti/courses/" + COURSE + "/line_items/" + n;
    }

    // ---- AGS (Line Items, Score, Result APIs) and NRPS (Names and Role API) -------------------

    private void services(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = TestPlatform.body(exchange);
        Matcher item = LINE_ITEM.matcher(path);
        if (path.equals("/api/lti/courses/" + COURSE + "/names_and_roles")) {
            memberships(exchange);
        } else if (path.equals("/api/lti/courses/" + COURSE + "/line_items")) {
            lineItemContainer(exchange, body, 200);
        } else if (item.matches() && exchange.getRequestURI().getRawQuery() != null
                && !"/results".equals(item.group(2))) {
            refuse(exchange, 404, "application/json", "{\"errors\":[{\"message\":\"not found\"}]}",
                    List.of(path + "?" + exchange.getRequestURI().getRawQuery() + ": Canvas's line items have no query"));
        } else if (item.matches()) {
            String lineItem = lineItemUrl(item.group(1));
            if ("/scores".equals(item.group(2)) && "POST".equals(exchange.getRequestMethod())) {
                score(exchange, lineItem, body);
            } else if (item.group(2) == null && authorized(exchange, SCOPE_LINEITEM)) {
                TestPlatform.respond(exchange, 200, LINE_ITEM_MEDIA_TYPE, lineItems.get(lineItem).toString());
            } else if ("/results".equals(item.group(2)) && authorized(exchange, SCOPE_RESULT)) {
                TestPlatform.respond(exchange, 200, RESULTS_MEDIA_TYPE, "[]");
            }
        } else {
            refuse(exchange, 404, "application/json", "{\"errors\":[{\"message\":\"not found\"}]}", List.of("no service at " + path));
        }
    }

    /** Score API: 400 for a timestamp before the last one, 422 for a user who is not a student, else {"resultUrl"}. */
    private void score(HttpExchange exchange, String lineItem, String body) throws IOException {
        JsonObject score = json(body);
        String user = score.getString("userId", "");
        JsonObject documented = json(documented("ags-score-post.json"));
        if (members.stream().noneMatch(m -> m.userId().equals(user) && !m.instructor())) {
            refuse(exchange, 422, "application/json", documented.getJsonObject("not_a_student").getJsonObject("response").toString(),
                    List.of("score for " + user + ", who is not a student of the course"));
            return;
        }
        Instant timestamp = java.time.OffsetDateTime.parse(score.getString("timestamp")).toInstant();
        Instant before = latestScore.get(lineItem + " " + user);
        if (before != null && timestamp.isBefore(before)) {
            refuse(exchange, 400, "application/json", documented.getJsonObject("stale_timestamp").getJsonObject("response").toString(),
                    List.of("score timestamp " + timestamp + " before " + before));
            return;
        }
        if (keepScore(exchange, lineItem, body) != null) {
            latestScore.put(lineItem + " " + user, timestamp);
            TestPlatform.respond(exchange, 200, SCORE_MEDIA_TYPE, Json.createObjectBuilder()
                    .add("resultUrl", lineItem + "/results/" + (members.indexOf(byId(user)) + 1)).build().toString());
        }
    }

    /** Names and Role API: full role URIs, {@value #NRPS_PAGE} members a page, linked like Canvas's API pages. */
    private void memberships(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, SCOPE_NRPS)) {
            return;
        }
        int page = Integer.parseInt(TestPlatform.form(exchange.getRequestURI().getRawQuery()).getOrDefault("page", "1"));
        int pages = (members.size() + NRPS_PAGE - 1) / NRPS_PAGE;
        JsonObject documented = json(documented("nrps-memberships.json"));
        JsonObject template = documented.getJsonArray("members").getJsonObject(0);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Member m : members.subList((page - 1) * NRPS_PAGE, Math.min(members.size(), page * NRPS_PAGE))) {
            list.add(with(template, Map.of("user_id", m.userId(), "name", m.name(), "given_name", m.givenName(),
                    "family_name", m.familyName(), "email", m.email(), "lti11_legacy_user_id", loginHint(m),
                    "roles", Json.createArrayBuilder().add(m.instructor() ? "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
                            : "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner").build())));
        }
        String url = origin() + "/api/lti/courses/" + COURSE + "/names_and_roles";
        StringBuilder link = new StringBuilder("<" + url + "?page=" + page + "&per_page=" + NRPS_PAGE + ">; rel=\"current\"");
        if (page < pages) {
            link.append(",<").append(url).append("?page=").append(page + 1).append("&per_page=").append(NRPS_PAGE).append(">; rel=\"next\"");
        }
        link.append(",<").append(url).append("?page=1&per_page=").append(NRPS_PAGE).append(">; rel=\"first\"")
                .append(",<").append(url).append("?page=").append(pages).append("&per_page=").append(NRPS_PAGE).append(">; rel=\"last\"");
        exchange.getResponseHeaders().add("Link", link.toString());
        TestPlatform.respond(exchange, 200, NRPS_MEDIA_TYPE, with(documented, Map.of("members", list.build())).toString());
    }
}
