package org.tandem.lti.registration.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandem.lti.AddressPolicy;
import org.tandem.lti.MessageType;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.PlatformRegistration;

/**
 * LTI Dynamic Registration 1.0, the tool's side: read the platform's OpenID configuration, check
 * it, send Tandem's client registration and read back the client_id and deployment id. It stores
 * nothing; the boundary stores the {@link Outcome} in its transaction, so this runs without JPA.
 */
@ApplicationScoped
public class DynamicRegistration {

    public static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    public static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    public static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public static final String SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    public static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public static final String SCOPE_MEMBERSHIP = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    /** The LTI Advantage services Tandem uses: AGS 2.0 for grades, NRPS 2.0 for rosters and pairing. */
    public static final List<String> SCOPES = List.of(SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY, SCOPE_RESULT_READONLY,
            SCOPE_SCORE, SCOPE_MEMBERSHIP);
    /** Pairing and the trainer's views need names; e-mail lets a trainer tell two namesakes apart. */
    public static final List<String> CLAIMS = List.of("iss", "sub", "name", "given_name", "family_name", "email");

    public static final String CLIENT_NAME = "Tandem";
    public static final String DESCRIPTION = "Joint training for healthcare managers and clinicians: modules, "
            + "role-swap scenarios, paired learning and pre/post assessments.";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /**
     * Placements Tandem asks for, by message type, when the platform offers them: ContentArea is
     * the placement the Dynamic Registration examples and Moodle use for deep linking; the
     * others are Canvas's names. A placement the platform does not list is never sent (Canvas
     * refuses unknown ones).
     */
    private static final Map<MessageType, List<String>> WANTED_PLACEMENTS = Map.of(
            MessageType.RESOURCE_LINK, List.of("course_navigation"),
            MessageType.DEEP_LINKING, List.of("ContentArea", "link_selection", "assignment_selection"));

    private static final String CANVAS = "canvas";
    private static final String MOODLE = "moodle";
    private static final String CANVAS_EXTENSION = "https://canvas.instructure.com/lti/";
    private static final int SHOWN_BODY = 300;
    /**
     * The registration page is open to whoever has its URL, so what a platform answered is
     * written to Tandem's log only: shown on the page, an internal service's answer would be
     * readable by anyone who can make Tandem fetch it.
     */
    private static final String ANSWER_LOGGED = " (what it answered is in Tandem's log)";

    private static final String PRIVATE_NETWORK_HINT = "a production Tandem reaches platforms over https at public "
            + "addresses; if this LMS runs on your organisation's own network, Tandem's administrator can allow its host "
            + "(TANDEM_LTI_PRIVATE_HOSTS, and TANDEM_LTI_PRIVATE_HTTP=true for plain http)";

    // lengths of the lti_platform / lti_deployment columns (V1__create_lti_registry.sql)
    private static final int MAX_ISSUER = 512;
    private static final int MAX_ID = 255;
    private static final int MAX_URL = 1024;

    /** Sends one request to the platform; production sends through {@link OutboundHttp}. */
    @FunctionalInterface
    public interface Transport {
        HttpResponse<String> send(HttpRequest request) throws IOException;
    }

    private OutboundHttp http;
    private Transport transport;

    protected DynamicRegistration() {
        // for CDI
    }

    @Inject
    public DynamicRegistration(OutboundHttp http) {
        this(http, http::send);
    }

    /** Requests are built by {@code http} (User-Agent, time-out) and sent by {@code transport}. */
    public DynamicRegistration(OutboundHttp http, Transport transport) {
        this.http = http;
        this.transport = transport;
    }

    /**
     * Runs the registration the platform started by opening Tandem's registration URL.
     *
     * @param openidConfiguration the {@code openid_configuration} parameter
     * @param registrationToken   the {@code registration_token} parameter, when the platform sent one
     * @param toolBase            Tandem's public base URI, ending in '/'
     * @throws RegistrationFailure saying which URL, which status or which field stopped it
     */
    public Outcome register(String openidConfiguration, Optional<String> registrationToken, URI toolBase)
            throws RegistrationFailure {
        URI configurationUrl = requestUrl(openidConfiguration);
        Optional<String> token = registrationToken.map(String::trim).filter(s -> !s.isEmpty());
        PlatformConfiguration platform = PlatformConfiguration.of(fetchConfiguration(configurationUrl, token), configurationUrl);
        allowed("authorization_endpoint", platform.authorizationEndpoint());
        allowed("token_endpoint", platform.tokenEndpoint());
        allowed("jwks_uri", platform.jwksUri());
        allowed("registration_endpoint", platform.registrationEndpoint());
        JsonObject registration = clientRegistration(platform, toolBase);
        JsonObject answer = postRegistration(platform.registrationEndpoint(), token, registration);
        return outcome(platform, registration, answer);
    }

    // ---- step 1: the platform's OpenID configuration -------------------------------------------

    private static URI requestUrl(String value) throws RegistrationFailure {
        if (value == null || value.isBlank()) {
            throw new RegistrationFailure(Kind.REQUEST, "the request has no openid_configuration parameter",
                    "this address is opened by the LMS during dynamic registration; give it to the LMS "
                            + "(Moodle: Manage tools, Canvas: Developer Keys, LTI Registration) instead of opening it directly");
        }
        Optional<URI> uri = httpUrl(value.trim());
        if (uri.isEmpty()) {
            throw new RegistrationFailure(Kind.REQUEST,
                    "openid_configuration '" + shorten(value) + "' is not an absolute http(s) URL",
                    "start the registration again from the LMS; if it keeps happening, the LMS builds the URL wrongly");
        }
        return uri.get();
    }

    /**
     * Every endpoint the configuration names obeys the same address policy as the configuration
     * URL, whether Tandem calls it now (registration) or later (JWKS, tokens) or sends browsers
     * there (authorization): a public configuration must not point Tandem into its own network.
     */
    private void allowed(String field, URI endpoint) throws RegistrationFailure {
        try {
            http.policy().check(endpoint);
        } catch (UnknownHostException e) {
            throw new RegistrationFailure(Kind.REFUSED_ADDRESS, "the platform's " + field + " " + endpoint + " is refused: "
                    + e.getMessage(), PRIVATE_NETWORK_HINT);
        }
    }

    private JsonObject fetchConfiguration(URI url, Optional<String> token) throws RegistrationFailure {
        HttpRequest.Builder request = http.request(url).header("Accept", "application/json").GET();
        // Canvas requires the registration token on this request too; the others ignore it.
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = exchange(request.build(), "the platform's OpenID configuration");
        if (response.statusCode() != 200) {
            throw new RegistrationFailure(Kind.PLATFORM_ERROR,
                    "the platform answered HTTP " + response.statusCode() + " for its OpenID configuration at " + url
                            + ANSWER_LOGGED,
                    statusHint(response.statusCode()), detail(response));
        }
        return jsonObject(response, "the OpenID configuration at " + url);
    }

    /**
     * The checked platform configuration. Dynamic Registration, Platform OpenID configuration:
     * issuer, the endpoints and the LTI platform configuration with its product_family_code are
     * required; scopes_supported and messages_supported are optional.
     */
    public record PlatformConfiguration(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                                        URI registrationEndpoint, String productFamilyCode,
                                        Optional<String> version, Optional<String> accountName,
                                        Optional<Set<String>> scopesSupported,
                                        Optional<Map<String, Set<String>>> messagesSupported) {

        static PlatformConfiguration of(JsonObject json, URI configurationUrl) throws RegistrationFailure {
            List<String> missing = new ArrayList<>();
            String issuer = text(json, "issuer").orElse(null);
            if (issuer == null) {
                missing.add("issuer");
            }
            URI authorization = endpoint(json, "authorization_endpoint", missing);
            URI token = endpoint(json, "token_endpoint", missing);
            URI jwks = endpoint(json, "jwks_uri", missing);
            URI registration = endpoint(json, "registration_endpoint", missing);
            JsonObject lti = json.get(PLATFORM_CONFIGURATION) instanceof JsonObject o ? o : null;
            String product = lti == null ? null : text(lti, "product_family_code").orElse(null);
            if (lti == null) {
                missing.add(PLATFORM_CONFIGURATION);
            } else if (product == null) {
                missing.add(PLATFORM_CONFIGURATION + " product_family_code");
            }
            if (!missing.isEmpty()) {
                throw new RegistrationFailure(Kind.INVALID_CONFIGURATION,
                        "the OpenID configuration at " + configurationUrl + " lacks " + String.join(", ", missing)
                                + " (or the value is not an absolute http(s) URL)",
                        "the platform does not offer LTI Dynamic Registration 1.0 as Tandem needs it; "
                                + "register Tandem by hand with the values on Tandem's /lti/config/registration page");
            }
            Optional<URI> issuerUrl = httpUrl(issuer);
            if (issuerUrl.isEmpty()) {
                throw new RegistrationFailure(Kind.INVALID_CONFIGURATION,
                        "the issuer '" + shorten(issuer) + "' in " + configurationUrl + " is not an absolute http(s) URL",
                        "the platform's issuer must be its https address (LTI Core 1.3, Security Framework 5.1.2)");
            }
            // Dynamic Registration, Security considerations: the configuration must come from the
            // issuer's own host, or any site could hand Tandem a configuration claiming to be
            // another platform and collect launches meant for it.
            if (!issuerUrl.get().getHost().equalsIgnoreCase(configurationUrl.getHost())) {
                throw new RegistrationFailure(Kind.INVALID_CONFIGURATION,
                        "the issuer " + issuer + " is on host " + issuerUrl.get().getHost()
                                + " but its OpenID configuration was served from host " + configurationUrl.getHost(),
                        "the platform's openid_configuration URL must be on the issuer's own host; check the LMS's "
                                + "public address (Moodle: wwwroot, Canvas: lti_iss in security.yml)");
            }
            if (issuer.length() > MAX_ISSUER) {
                throw new RegistrationFailure(Kind.INVALID_CONFIGURATION,
                        "the issuer is longer than " + MAX_ISSUER + " characters", "register the platform by hand");
            }
            return new PlatformConfiguration(issuer, authorization, token, jwks, registration,
                    product.toLowerCase(Locale.ROOT), text(lti, "version"),
                    text(lti, CANVAS_EXTENSION + "account_name"),
                    strings(json.get("scopes_supported")).map(Set::copyOf),
                    messages(lti.get("messages_supported")));
        }

        private static URI endpoint(JsonObject json, String name, List<String> missing) {
            Optional<URI> uri = text(json, name).flatMap(DynamicRegistration::httpUrl)
                    .filter(u -> u.toString().length() <= MAX_URL);
            if (uri.isEmpty()) {
                missing.add(name);
                return null;
            }
            return uri.get();
        }

        /**
         * Either objects {type, placements} (the specification, recent Moodle, Canvas) or plain
         * type names (Moodle before 4.1); placements are unknown in the second form.
         */
        private static Optional<Map<String, Set<String>>> messages(JsonValue value) {
            if (!(value instanceof JsonArray array)) {
                return Optional.empty();
            }
            Map<String, Set<String>> messages = new LinkedHashMap<>();
            for (JsonValue entry : array) {
                if (entry instanceof JsonString s) {
                    messages.putIfAbsent(s.getString(), Set.of());
                } else if (entry instanceof JsonObject o && text(o, "type").isPresent()) {
                    messages.put(text(o, "type").get(), Set.copyOf(strings(o.get("placements")).orElse(List.of())));
                }
            }
            return Optional.of(Map.copyOf(messages));
        }

        public boolean offers(MessageType type) {
            return messagesSupported.map(m -> m.containsKey(type.claimValue())).orElse(true);
        }

        public Set<String> placements(MessageType type) {
            return messagesSupported.map(m -> m.getOrDefault(type.claimValue(), Set.of())).orElse(Set.of());
        }

        public boolean canvas() {
            return CANVAS.equals(productFamilyCode);
        }

        /** The scopes Tandem asks for: all it uses, less those the platform says it lacks. */
        public List<String> scopes() {
            return scopesSupported.map(s -> SCOPES.stream().filter(s::contains).toList()).orElse(SCOPES);
        }

        /** A name for administrators; hosted Canvas shares one issuer, so its account name helps. */
        public String displayName() {
            String product = switch (productFamilyCode) {
                case MOODLE -> "Moodle";
                case CANVAS -> "Canvas";
                default -> productFamilyCode.substring(0, 1).toUpperCase(Locale.ROOT) + productFamilyCode.substring(1);
            };
            String where = accountName.orElseGet(() -> URI.create(issuer).getHost());
            String name = product + " – " + where;
            return name.length() > MAX_ID ? name.substring(0, MAX_ID) : name;
        }
    }

    // ---- step 2: Tandem's client registration ------------------------------------------------

    /**
     * The client registration request (Dynamic Registration, Tool registration request): OpenID
     * Connect client metadata plus the LTI tool configuration, with only the scopes and placements
     * the platform said it supports.
     */
    public static JsonObject clientRegistration(PlatformConfiguration platform, URI toolBase) {
        String launch = toolBase.resolve(ToolUrls.LAUNCH).toString();
        JsonObjectBuilder tool = Json.createObjectBuilder()
                .add("domain", domain(toolBase))
                .add("description", DESCRIPTION)
                .add("target_link_uri", launch)
                .add("claims", array(CLAIMS))
                .add("messages", messages(platform, launch));
        if (platform.canvas()) {
            // Canvas sends names and e-mail only at privacy level public (its default is anonymous)
            tool.add(CANVAS_EXTENSION + "privacy_level", "public");
        }
        return Json.createObjectBuilder()
                .add("application_type", "web")
                .add("response_types", array(List.of("id_token")))
                .add("grant_types", array(List.of("implicit", "client_credentials")))
                .add("initiate_login_uri", toolBase.resolve(ToolUrls.LOGIN).toString())
                .add("redirect_uris", array(List.of(launch)))
                .add("client_name", CLIENT_NAME)
                .add("jwks_uri", toolBase.resolve(ToolUrls.JWKS).toString())
                .add("token_endpoint_auth_method", "private_key_jwt")
                .add("scope", String.join(" ", platform.scopes()))
                .add(TOOL_CONFIGURATION, tool)
                .build();
    }

    private static JsonArrayBuilder messages(PlatformConfiguration platform, String launch) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        // Tandem's launch URL takes both message types; resource links are the core of LTI, so
        // they are declared even when the platform does not list them.
        JsonObjectBuilder resourceLink = message(platform, MessageType.RESOURCE_LINK, launch, CLIENT_NAME);
        if (platform.canvas() && platform.placements(MessageType.RESOURCE_LINK).contains("course_navigation")) {
            // the course menu entry is for trainers: learners reach Tandem through their activities
            resourceLink.add(CANVAS_EXTENSION + "visibility", "admins")
                    .add(CANVAS_EXTENSION + "course_navigation/default_enabled", true);
        }
        messages.add(resourceLink);
        if (platform.offers(MessageType.DEEP_LINKING)) {
            messages.add(message(platform, MessageType.DEEP_LINKING, launch, "Add a Tandem activity"));
        }
        return messages;
    }

    private static JsonObjectBuilder message(PlatformConfiguration platform, MessageType type, String launch, String label) {
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("type", type.claimValue())
                .add("target_link_uri", launch)
                .add("label", label);
        Set<String> offered = platform.placements(type);
        List<String> placements = WANTED_PLACEMENTS.get(type).stream().filter(offered::contains).toList();
        if (!placements.isEmpty()) {
            message.add("placements", array(placements));
        }
        return message;
    }

    private JsonObject postRegistration(URI endpoint, Optional<String> token, JsonObject registration)
            throws RegistrationFailure {
        HttpRequest.Builder request = http.request(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(registration.toString()));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = exchange(request.build(), "the platform's registration endpoint");
        if (response.statusCode() / 100 != 2) {
            throw new RegistrationFailure(Kind.PLATFORM_ERROR,
                    "the platform's registration endpoint " + endpoint + " answered HTTP " + response.statusCode()
                            + ANSWER_LOGGED,
                    statusHint(response.statusCode()), detail(response));
        }
        return jsonObject(response, "the registration response from " + endpoint);
    }

    // ---- step 3: the platform's answer -------------------------------------------------------

    private static Outcome outcome(PlatformConfiguration platform, JsonObject registration, JsonObject answer)
            throws RegistrationFailure {
        String clientId = text(answer, "client_id").orElse(null);
        if (clientId == null || clientId.length() > MAX_ID) {
            throw new RegistrationFailure(Kind.INVALID_RESPONSE,
                    "the registration response from " + platform.registrationEndpoint()
                            + (clientId == null ? " has no client_id" : " has a client_id longer than " + MAX_ID + " characters"),
                    "check the tool in the LMS: the registration may have been created there without Tandem learning "
                            + "its client ID; delete it and register again, or register Tandem by hand");
        }
        Optional<String> deploymentId = answer.get(TOOL_CONFIGURATION) instanceof JsonObject tool
                ? text(tool, "deployment_id") : Optional.empty();
        if (deploymentId.isPresent() && deploymentId.get().length() > MAX_ID) {
            throw new RegistrationFailure(Kind.INVALID_RESPONSE,
                    "the deployment_id in the registration response is longer than " + MAX_ID + " characters",
                    "register Tandem by hand");
        }
        List<String> requested = List.of(registration.getString("scope").split(" ")).stream()
                .filter(s -> !s.isEmpty()).toList();
        // The platform answers with what it actually granted; Canvas lets its administrator trim it.
        List<String> granted = answer.get("scope") instanceof JsonString s
                ? List.of(s.getString().trim().split("\\s+")).stream().filter(t -> !t.isEmpty()).toList()
                : requested;

        List<String> notes = new ArrayList<>();
        List<String> notOffered = SCOPES.stream().filter(s -> !requested.contains(s)).toList();
        if (!notOffered.isEmpty()) {
            notes.add("The platform does not offer " + String.join(", ", notOffered)
                    + "; grade return or rosters may not work until it does.");
        }
        List<String> notGranted = requested.stream().filter(s -> !granted.contains(s)).toList();
        if (!notGranted.isEmpty()) {
            notes.add("The platform did not grant " + String.join(", ", notGranted)
                    + "; grade return or rosters may not work until an administrator allows them.");
        }
        DeploymentPolicy policy = platform.canvas() ? DeploymentPolicy.ADMIT_NEW : DeploymentPolicy.STRICT;
        if (deploymentId.isEmpty() && policy == DeploymentPolicy.STRICT) {
            notes.add("The platform did not send a deployment ID: add it on Tandem's admin page (the platform shows it "
                    + "for the installed tool), or launches will be refused.");
        }
        PlatformRegistration stored = new PlatformRegistration(platform.issuer(), clientId, platform.displayName(),
                platform.authorizationEndpoint().toString(), Optional.of(platform.tokenEndpoint().toString()),
                platform.jwksUri().toString(), policy, CLOCK_SKEW);
        return new Outcome(stored, deploymentId.map(List::of).orElse(List.of()), platform.productFamilyCode(),
                platform.version(), requested, List.copyOf(granted), List.copyOf(notes));
    }

    /**
     * What a completed registration leaves to store, and what to tell the administrator.
     *
     * @param notes sentences for the administrator about anything that will not work yet
     */
    public record Outcome(PlatformRegistration registration, List<String> deploymentIds, String productFamilyCode,
                          Optional<String> productVersion, List<String> requestedScopes, List<String> grantedScopes,
                          List<String> notes) {

        /** Moodle adds a dynamically registered tool as pending: its site administrator activates it. */
        public boolean awaitsActivation() {
            return MOODLE.equals(productFamilyCode);
        }
    }

    // ---- failures ----------------------------------------------------------------------------

    /** Why a registration stopped; the boundary turns the kind into an HTTP status. */
    public enum Kind {
        /** The registration URL was opened without usable parameters. */
        REQUEST(400),
        /** The platform's configuration failed Tandem's checks (missing field, issuer on another host). */
        INVALID_CONFIGURATION(400),
        /** A URL of the platform is one Tandem's address policy does not fetch from (a private network). */
        REFUSED_ADDRESS(403),
        /** Tandem could not reach the platform. */
        UNREACHABLE(502),
        /** The platform answered with an HTTP error. */
        PLATFORM_ERROR(502),
        /** The platform answered 2xx with something Tandem cannot use. */
        INVALID_RESPONSE(502);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The registration stopped. The message names the URL, status or field; the hint says what to do. */
    public static class RegistrationFailure extends Exception {
        private final Kind kind;
        private final String hint;
        private final String answer;

        public RegistrationFailure(Kind kind, String message, String hint) {
            this(kind, message, hint, "");
        }

        /** @param answer what the platform answered, for the log only */
        public RegistrationFailure(Kind kind, String message, String hint, String answer) {
            super(message);
            this.kind = kind;
            this.hint = hint;
            this.answer = answer;
        }

        /** The platform's own explanation, for Tandem's log (never for the page). */
        public String answer() {
            return answer;
        }

        public Kind kind() {
            return kind;
        }

        public String hint() {
            return hint;
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private HttpResponse<String> exchange(HttpRequest request, String what) throws RegistrationFailure {
        try {
            return transport.send(request);
        } catch (AddressPolicy.Refused e) {
            throw new RegistrationFailure(Kind.REFUSED_ADDRESS, "Tandem does not fetch " + what + ": " + e.getMessage(),
                    PRIVATE_NETWORK_HINT);
        } catch (IOException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new RegistrationFailure(Kind.UNREACHABLE,
                    "Tandem could not reach " + what + " at " + request.uri() + " (" + reason + ")",
                    "Tandem's server must reach the LMS over the network: check the LMS address, DNS, firewalls "
                            + "and any outgoing proxy, then start the registration again");
        }
    }

    private static JsonObject jsonObject(HttpResponse<String> response, String what) throws RegistrationFailure {
        try (JsonReader reader = Json.createReader(new StringReader(response.body() == null ? "" : response.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new RegistrationFailure(Kind.INVALID_RESPONSE,
                    what + " is not a JSON object (Content-Type "
                            + response.headers().firstValue("Content-Type").orElse("none") + ")",
                    "check that the LMS address is right and that no login page or proxy answers in the LMS's place");
        }
    }

    private static String statusHint(int status) {
        if (status == 401 || status == 403) {
            return "the platform refused the registration token; tokens are single-use and short-lived, "
                    + "so start the registration again from the LMS";
        }
        if (status == 404) {
            return "the platform does not know that address; check that the LMS version supports LTI Dynamic Registration";
        }
        if (status >= 500) {
            return "the LMS failed; try again later, and if it persists look at the LMS's error log";
        }
        return "the LMS did not accept Tandem's registration; the detail above is the LMS's own explanation";
    }

    /** The platform's explanation, for the log: RFC 7591 error/error_description, Canvas's errors, or the start of the body. */
    private static String detail(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().trim();
        if (body.isEmpty()) {
            return "";
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            List<String> parts = new ArrayList<>();
            text(json, "error").ifPresent(parts::add);
            text(json, "error_description").ifPresent(parts::add);
            text(json, "errorMessage").ifPresent(parts::add);
            if (json.get("errors") instanceof JsonArray errors) {
                for (JsonValue e : errors) {
                    if (e instanceof JsonString s) {
                        parts.add(s.getString());
                    } else if (e instanceof JsonObject o) {
                        parts.add((text(o, "field").map(f -> f + ": ").orElse("")) + text(o, "message").orElse(o.toString()));
                    }
                }
            }
            if (!parts.isEmpty()) {
                return shorten(String.join("; ", parts));
            }
        } catch (JsonException | IllegalStateException e) {
            // not JSON: fall through to the raw text
        }
        if (body.startsWith("<")) {
            return "an HTML page: " + shorten(body);
        }
        return shorten(body);
    }

    private static String shorten(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= SHOWN_BODY ? flat : flat.substring(0, SHOWN_BODY) + "…";
    }

    static Optional<URI> httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A string, or a number written as one (some platforms send ids as numbers); blank counts as absent. */
    private static Optional<String> text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value instanceof JsonString s) {
            return Optional.of(s.getString().trim()).filter(t -> !t.isEmpty());
        }
        if (value instanceof JsonNumber n) {
            return Optional.of(n.toString());
        }
        return Optional.empty();
    }

    private static Optional<List<String>> strings(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonValue v : array) {
            if (v instanceof JsonString s) {
                out.add(s.getString());
            }
        }
        return Optional.of(List.copyOf(out));
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    /** The tool's domain for the platform: host, and port when it is not the scheme's default. */
    public static String domain(URI base) {
        return base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }
}
