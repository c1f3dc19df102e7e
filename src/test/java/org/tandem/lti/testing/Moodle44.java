package org.tandem.lti.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moodle 4.4 as an LTI 1.3 platform, built from the wire formats recorded from a real Moodle
 * (src/test/resources/platforms/moodle-4.4, its README lists the behaviours): every id_token,
 * configuration and service answer starts from a captured file, with only the recording's origin,
 * client_id, times, nonce, people and links put in. Like the recording it has course 2
 * ("LTIH101") and tool type 10, whose id is also the deployment id and the {@code type_id} of
 * every service URL.
 */
public final class Moodle44 extends Lms {

    static final String DIR = "/platforms/moodle-4.4/";
    /** The recording's platform and tool origins, replaced by this LMS's and Tandem's. */
    private static final String RECORDED_ORIGIN = "http://127.0.0.1:8000";
    private static final String RECORDED_LAUNCH = "http://127.0.0.1:8093/launch";
    private static final String RECORDED_CLIENT_ID = "YF2nI6K6JAPsPvC";
    static final String TYPE_ID = "10";
    static final String COURSE = "2";
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration REGISTRATION_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Pattern LINE_ITEM = Pattern.compile("/mod/lti/services\\.php/" + COURSE + "/lineitems/(\\d+)/lineitem(/scores|/results)?");

    /** A registration token Moodle handed out: single use, one hour. */
    private record RegistrationToken(Instant expires, boolean used) {
    }

    private final Map<String, RegistrationToken> registrationTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final String sesskey = random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10);
    private volatile boolean active;

    private Moodle44(TestPlatform platform) {
        super(platform);
        platform.serve("/mod/lti/openid-configuration.php", this::configuration);
        platform.serve("/mod/lti/openid-registration.php", this::register);
        platform.serve("/mod/lti/services.php/", this::services);
        platform.serve("/mod/lti/contentitem_return.php", this::deepLinkingReturn);
        // the recording's course: its people (nrps-memberships.json) and its graded activity (ags-lineitem-get.json)
        for (JsonObject m : json(recorded("nrps-memberships.json")).getJsonObject("body").getJsonArray("members")
                .getValuesAs(JsonObject.class)) {
            members.add(new Member(m.getString("user_id"), m.getString("given_name"), m.getString("family_name"),
                    m.getString("email"), m.getJsonArray("roles").getString(0).equals("Instructor")));
        }
        JsonObject item = json(recorded("ags-lineitem-get.json")).getJsonObject("body");
        lineItems.put(item.getString("id"), item);
        links.put(item.getString("resourceLinkId"), new Link(item.getString("resourceLinkId"), item.getString("label"), Map.of(),
                Optional.of(item.getString("id"))));
    }

    /** A Moodle 4.4 on a loopback port; its token endpoint, like Moodle's, checks neither aud nor jti of the assertion. */
    public static Moodle44 start() {
        return new Moodle44(TestPlatform.builder().clientId(random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 15))
                .deploymentId(TYPE_ID).paths(new TestPlatform.Paths("", "/mod/lti/auth.php", "/mod/lti/certs.php",
                        "/mod/lti/token.php", "localhost")).lenientClientAssertion().start());
    }

    /** A captured file with the recording's origin, client_id and session key replaced. */
    private String recorded(String file) {
        String text = resource(DIR + file).replace(RECORDED_ORIGIN, origin()).replace("<sesskey>", sesskey)
                .replace(RECORDED_CLIENT_ID, platform.clientId());
        return registrations.isEmpty() ? text : text.replace(RECORDED_LAUNCH, registration().launchUrl());
    }


    /** The recorded course's graded activity ("Capture 1796463346", resource link 23, line item 18). */
    public Link recordedActivity() {
        return links.get("23");
    }

    // ---- Dynamic Registration: registration-initiation-query.json, openid-configuration.json,
    //      registration-response.json --------------------------------------------------------------

    @Override
    public URI registrationStart(URI toolRegistrationUrl) {
        return withQuery(toolRegistrationUrl, "openid_configuration", origin() + "/mod/lti/openid-configuration.php",
                "registration_token", newRegistrationToken(Instant.now()));
    }

    /** A registration token as Moodle issues one, made this long ago (an hour or more: expired). */
    public String newRegistrationToken(Instant issued) {
        String token = random("abcdef0123456789", 32);
        registrationTokens.put(token, new RegistrationToken(issued.plus(REGISTRATION_TOKEN_LIFETIME), false));
        return token;
    }

    private void configuration(HttpExchange exchange) throws IOException {
        TestPlatform.respond(exchange, 200, "application/json", recorded("openid-configuration.json"));
    }

    private void register(HttpExchange exchange) throws IOException {
        String body = TestPlatform.body(exchange);
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        RegistrationToken token = auth.startsWith("Bearer ") ? registrationTokens.get(auth.substring(7)) : null;
        if (token == null || token.expires().isBefore(Instant.now())) {
            refuse(exchange, 401, "text/plain", "invalid_token", List.of("registration token unknown or older than an hour"));
            return;
        }
        if (token.used()) {
            refuse(exchange, 401, "text/plain", "token_already_used", List.of("registration token used before"));
            return;
        }
        registrationTokens.put(auth.substring(7), new RegistrationToken(token.expires(), true));
        JsonObject request = json(body);
        // Moodle grants what it supports of the scopes asked for (openid-configuration.json scopes_supported)
        List<String> supported = json(recorded("openid-configuration.json")).getJsonArray("scopes_supported")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        String granted = String.join(" ", java.util.Arrays.stream(request.getString("scope").split(" "))
                .filter(supported::contains).toList());
        JsonObject tool = request.getJsonObject(TOOL_CONFIGURATION);
        JsonObject recordedAnswer = json(recorded("registration-response.json")).getJsonObject("body");
        JsonObject answer = with(recordedAnswer, Map.of("client_id", platform.clientId(),
                "jwks_uri", request.getString("jwks_uri"), "initiate_login_uri", request.getString("initiate_login_uri"),
                "redirect_uris", request.getJsonArray("redirect_uris"), "client_name", request.getString("client_name"),
                "scope", granted, TOOL_CONFIGURATION, with(recordedAnswer.getJsonObject(TOOL_CONFIGURATION), Map.of(
                        "deployment_id", TYPE_ID, "target_link_uri", tool.getString("target_link_uri"),
                        "domain", tool.getString("domain"), "description", tool.getString("description", ""),
                        "messages", tool.getJsonArray("messages"), "claims", tool.getJsonArray("claims")))));
        registered(new Registration(platform.clientId(), request));
        TestPlatform.respond(exchange, 200, "application/json", answer.toString());
    }

    /** The site administrator activates the pending tool type: only then can teachers add it. */
    @Override
    public void enable() {
        active = true;
    }

    @Override
    public String deploymentId() {
        return TYPE_ID;
    }

    // ---- launches: login-initiation-*.json, id-token-*.json ----------------------------------

    @Override
    protected String messageHint(Member member, Optional<Link> link) {
        // recorded: {"cmid":25,"launchid":"ltilaunch24_1577536567"} and {"launchid":"ltilaunch_ContentItemSelectionRequest684255299"}
        return link.map(l -> "{\"cmid\":" + (Integer.parseInt(l.id()) + 2) + ",\"launchid\":\"ltilaunch" + l.id() + "_"
                        + random("0123456789", 10) + "\"}")
                .orElseGet(() -> "{\"launchid\":\"ltilaunch_ContentItemSelectionRequest" + random("0123456789", 9) + "\"}");
    }

    @Override
    protected LoginStart loginStart(Pending p, Registration r) {
        if (!active) {
            // Moodle 4.4 adds a dynamically registered tool as pending, hidden from the activity chooser
            throw new IllegalStateException("the tool type is pending: a Moodle administrator has not activated it");
        }
        JsonObject recordedLogin = json(recorded(p.deepLinking() ? "login-initiation-deep-linking.json"
                : "login-initiation-resource-link.json"));
        Map<String, String> fields = new LinkedHashMap<>();
        recordedLogin.getJsonObject("fields").forEach((name, value) -> fields.put(name, ((jakarta.json.JsonString) value).getString()));
        fields.put("iss", issuer());
        fields.put("target_link_uri", r.launchUrl());
        fields.put("login_hint", p.member().userId());
        fields.put("lti_message_hint", p.messageHint());
        fields.put("client_id", r.clientId());
        fields.put("lti_deployment_id", TYPE_ID);
        return new LoginStart(recordedLogin.getString("method"), fields);
    }

    @Override
    protected Map<String, Object> idToken(Pending p, Registration r, String nonce) {
        String file = p.deepLinking() ? "id-token-deep-linking-request.json"
                : p.member().instructor() ? "id-token-resource-link-instructor.json" : "id-token-resource-link-learner.json";
        JsonObject payload = json(recorded(file)).getJsonObject("payload");
        Instant now = Instant.now();
        Member m = p.member();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("nonce", nonce);
        changes.put("iat", now.getEpochSecond());
        changes.put("exp", now.plus(ID_TOKEN_LIFETIME).getEpochSecond());
        changes.put("sub", m.userId());
        changes.put("given_name", m.givenName());
        changes.put("family_name", m.familyName());
        changes.put("name", m.name());
        changes.put("email", m.email());
        changes.put(TestPlatform.LTI + "ext", with(payload.getJsonObject(TestPlatform.LTI + "ext"),
                Map.of("user_username", m.email().substring(0, m.email().indexOf('@')))));
        p.link().ifPresent(link -> {
            changes.put(TestPlatform.RESOURCE_LINK, with(payload.getJsonObject(TestPlatform.RESOURCE_LINK),
                    Map.of("id", link.id(), "title", link.title())));
            JsonObject custom = payload.getJsonObject(TestPlatform.CUSTOM);
            changes.put(TestPlatform.CUSTOM, with(Json.createObjectBuilder().build(), mergeCustom(link.custom(), custom)));
            JsonObject ags = payload.getJsonObject(TestPlatform.AGS_ENDPOINT);
            changes.put(TestPlatform.AGS_ENDPOINT, link.lineItem().map(li -> with(ags, Map.of("lineitem", li)))
                    .orElseGet(() -> Json.createObjectBuilder(ags).remove("lineitem").build()));
            String outcome = "https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome";
            JsonObject bo = payload.getJsonObject(outcome);
            changes.put(outcome, with(bo, Map.of("lis_result_sourcedid", "{\"data\":{\"instanceid\":\"" + link.id()
                    + "\",\"userid\":\"" + m.userId() + "\",\"typeid\":\"" + TYPE_ID + "\",\"launchid\":" + random("123456789", 9)
                    + "},\"hash\":\"" + random("0123456789abcdef", 64) + "\"}")));
            JsonObject presentation = payload.getJsonObject(TestPlatform.LAUNCH_PRESENTATION);
            changes.put(TestPlatform.LAUNCH_PRESENTATION, with(presentation, Map.of("return_url",
                    origin() + "/mod/lti/return.php?course=" + COURSE + "&launch_container=3&instanceid=" + link.id()
                            + "&sesskey=" + sesskey)));
        });
        return claims(with(payload, changes));
    }

    private static Map<String, String> mergeCustom(Map<String, String> link, JsonObject recorded) {
        Map<String, String> custom = new LinkedHashMap<>(link);
        // Moodle adds the memberships URL to the custom parameters too (recorded)
        custom.put("context_memberships_url", recorded.getString("context_memberships_url"));
        return custom;
    }

    // ---- deep linking: deep-linking-response.json ---------------------------------------------

    private void deepLinkingReturn(HttpExchange exchange) throws IOException {
        Map<String, String> form = TestPlatform.form(TestPlatform.body(exchange));
        Map<String, String> query = TestPlatform.form(exchange.getRequestURI().getRawQuery());
        if (!sesskey.equals(query.get("sesskey")) || !TYPE_ID.equals(query.get("id"))) {
            refuse(exchange, 403, "text/html", "<p>Invalid sesskey</p>", List.of("deep-linking return without the session key"));
            return;
        }
        try {
            List<Link> placed = acceptDeepLinkingResponse(form.get("JWT"), Optional.empty());
            TestPlatform.respond(exchange, 200, "text/html", "<p>Added " + placed.size() + " item(s)</p>");
        } catch (IllegalArgumentException e) {
            refuse(exchange, 400, "text/html", "<p>" + e.getMessage() + "</p>", List.of("deep-linking response: " + e.getMessage()));
        }
    }

    @Override
    protected String lineItemUrl(String n) {
        return origin() + "/mod/lti/services.php/" + COURSE + "/lineitems/" + n + "/lineitem?type_id=" + TYPE_ID;
    }

    // ---- services: ags-*.json, nrps-memberships.json ------------------------------------------

    private void services(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = TestPlatform.body(exchange);
        boolean membershipsPath = path.equals("/mod/lti/services.php/CourseSection/" + COURSE + "/bindings/" + TYPE_ID + "/memberships");
        // the line item URLs name the tool type in their query; scores and results go on the path, before it
        if (!membershipsPath && !("type_id=" + TYPE_ID).equals(query)) {
            refuse(exchange, 400, "text/plain", "Invalid type_id", List.of(path + " without ?type_id=" + TYPE_ID + " (got " + query + ")"));
            return;
        }
        Matcher item = LINE_ITEM.matcher(path);
        if (membershipsPath) {
            memberships(exchange);
        } else if (path.equals("/mod/lti/services.php/" + COURSE + "/lineitems")) {
            lineItemContainer(exchange, body, 201);
        } else if (item.matches()) {
            String lineItem = lineItemUrl(item.group(1));
            if ("/scores".equals(item.group(2)) && "POST".equals(exchange.getRequestMethod())) {
                if (keepScore(exchange, lineItem, body) != null) {
                    // ags-score-post.json: status 200, empty body
                    TestPlatform.respond(exchange, 200, null, "");
                }
            } else if ("/results".equals(item.group(2)) && authorized(exchange, SCOPE_RESULT)) {
                results(exchange, lineItem);
            } else if (item.group(2) == null && authorized(exchange, SCOPE_LINEITEM)) {
                TestPlatform.respond(exchange, 200, LINE_ITEM_MEDIA_TYPE, lineItems.get(lineItem).toString());
            }
        } else {
            refuse(exchange, 404, "text/plain", "not found", List.of("no service at " + path));
        }
    }

    /** ags-results-get.json: Moodle scales each score to the grade item's maximum (8.5 of 10 became 85 of 100). */
    private void results(HttpExchange exchange, String lineItem) throws IOException {
        double max = lineItems.get(lineItem).getJsonNumber("scoreMaximum").doubleValue();
        JsonArrayBuilder results = Json.createArrayBuilder();
        Map<String, Kept> latest = new LinkedHashMap<>();
        scores().stream().filter(k -> k.lineItem().equals(lineItem)).forEach(k -> latest.put(k.userId(), k));
        latest.values().forEach(k -> results.add(Json.createObjectBuilder()
                .add("id", lineItem.replace("/lineitem?", "/lineitem/results?") + "&user_id=" + k.userId())
                .add("userId", k.userId())
                .add("resultScore", k.score().getJsonNumber("scoreGiven").doubleValue()
                        / k.score().getJsonNumber("scoreMaximum").doubleValue() * max)
                .add("resultMaximum", max).add("scoreOf", lineItem).add("timestamp", k.score().getString("timestamp"))));
        TestPlatform.respond(exchange, 200, RESULTS_MEDIA_TYPE, results.build().toString());
    }

    /** nrps-memberships.json: one page, no Link header, roles as short names (Learner, Instructor). */
    private void memberships(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, SCOPE_NRPS)) {
            return;
        }
        JsonObject recordedBody = json(recorded("nrps-memberships.json")).getJsonObject("body");
        JsonObject template = recordedBody.getJsonArray("members").getJsonObject(0);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Member m : members) {
            list.add(with(template, Map.of("user_id", m.userId(), "name", m.name(), "given_name", m.givenName(),
                    "family_name", m.familyName(), "email", m.email(),
                    "ext_user_username", m.email().substring(0, m.email().indexOf('@')),
                    "roles", Json.createArrayBuilder().add(m.instructor() ? "Instructor" : "Learner").build())));
        }
        TestPlatform.respond(exchange, 200, NRPS_MEDIA_TYPE, with(recordedBody, Map.of("members", list.build())).toString());
    }
}
