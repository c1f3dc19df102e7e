package org.tandem.lti.registration.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.AddressPolicy;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.registration.control.DynamicRegistration.Kind;
import org.tandem.lti.registration.control.DynamicRegistration.Outcome;
import org.tandem.lti.registration.control.DynamicRegistration.RegistrationFailure;
import org.tandem.lti.registration.entity.DeploymentPolicy;

class DynamicRegistrationTest {

    static final URI TOOL = URI.create("https://tandem.example.org/");
    static final String TOKEN = "reg-token-123";

    FakeLms lms;
    DynamicRegistration registration;

    @BeforeEach
    void start() throws IOException {
        lms = new FakeLms();
        registration = new DynamicRegistration(new OutboundHttp());
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    @Test
    void registersAndReturnsWhatToStore() throws Exception {
        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        var stored = outcome.registration();
        assertThat(stored.issuer()).isEqualTo(lms.base());
        assertThat(stored.clientId()).isEqualTo("client-42");
        assertThat(stored.authLoginUrl()).isEqualTo(lms.base() + "/auth");
        assertThat(stored.tokenUrl()).contains(lms.base() + "/token");
        assertThat(stored.jwksUrl()).isEqualTo(lms.base() + "/certs");
        assertThat(stored.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(stored.problems()).isEmpty();
        assertThat(stored.name()).isEqualTo("Moodle – 127.0.0.1");
        assertThat(outcome.deploymentIds()).containsExactly("7");
        assertThat(outcome.notes()).isEmpty();
    }

    @Test
    void sendsTandemsEndpointsAndOnlyWhatThePlatformSupports() throws Exception {
        registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        JsonObject sent = lms.registrationBody();
        assertThat(sent.getString("application_type")).isEqualTo("web");
        assertThat(strings(sent, "response_types")).containsExactly("id_token");
        assertThat(strings(sent, "grant_types")).containsExactlyInAnyOrder("implicit", "client_credentials");
        assertThat(sent.getString("initiate_login_uri")).isEqualTo("https://tandem.example.org/lti/login");
        assertThat(strings(sent, "redirect_uris")).containsExactly("https://tandem.example.org/lti/launch");
        assertThat(sent.getString("jwks_uri")).isEqualTo("https://tandem.example.org/.well-known/jwks.json");
        assertThat(sent.getString("client_name")).isEqualTo("Tandem");
        assertThat(sent.getString("token_endpoint_auth_method")).isEqualTo("private_key_jwt");
        assertThat(sent.getString("scope").split(" ")).containsExactlyInAnyOrderElementsOf(DynamicRegistration.SCOPES);

        JsonObject tool = sent.getJsonObject(DynamicRegistration.TOOL_CONFIGURATION);
        assertThat(tool.getString("domain")).isEqualTo("tandem.example.org");
        assertThat(tool.getString("target_link_uri")).isEqualTo("https://tandem.example.org/lti/launch");
        assertThat(strings(tool, "claims")).contains("iss", "sub", "name", "given_name", "family_name", "email");
        var messages = tool.getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(messages).extracting(m -> m.getString("type"))
                .containsExactly("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
        assertThat(messages.get(0).containsKey("placements")).isFalse();
        assertThat(strings(messages.get(1), "placements")).containsExactly("ContentArea");
        assertThat(tool.containsKey("https://canvas.instructure.com/lti/privacy_level")).isFalse();
    }

    @Test
    void sendsTheRegistrationTokenAsBearer() throws Exception {
        registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(lms.requests).extracting(Request::path).containsExactly("/openid-configuration", "/register");
        assertThat(lms.requests).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(r.userAgent()).isEqualTo(OutboundHttp.USER_AGENT);
        });
        assertThat(lms.requests.get(1).contentType()).startsWith("application/json");
    }

    @Test
    void registersWithoutTokenWhenThePlatformSendsNone() throws Exception {
        lms.requireToken = false;

        registration.register(lms.configurationUrl(), Optional.empty(), TOOL);

        assertThat(lms.requests).extracting(Request::authorization).containsOnlyNulls();
    }

    @Test
    void refusesAnIssuerOnAnotherHost() {
        lms.configuration = c -> c.add("issuer", "https://lms.example.edu");

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.INVALID_CONFIGURATION);
                    assertThat(f.kind().status()).isEqualTo(400);
                    assertThat(f.getMessage()).contains("lms.example.edu").contains("127.0.0.1");
                });
        assertThat(lms.requests).extracting(Request::path).doesNotContain("/register");
    }

    @Test
    void refusesLocalhostIssuerForA127ConfigurationUrl() {
        lms.configuration = c -> c.add("issuer", "http://localhost:" + lms.port());

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(Kind.INVALID_CONFIGURATION));
    }

    @Test
    void refusesAConfigurationWithoutRegistrationEndpoint() {
        lms.configuration = c -> c.remove("registration_endpoint");

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.INVALID_CONFIGURATION);
                    assertThat(f.getMessage()).contains("registration_endpoint").contains(lms.configurationUrl());
                });
    }

    @Test
    void refusesAConfigurationWithoutProductFamily() {
        lms.configuration = c -> c.add(DynamicRegistration.PLATFORM_CONFIGURATION,
                Json.createObjectBuilder().add("version", "4.5"));

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class,
                        f -> assertThat(f.getMessage()).contains("product_family_code"));
    }

    // ---- production: the address policy (TANDEM_BASE_URL set) --------------------------------

    @Test
    void productionRefusesAPlatformOnAPrivateAddressBeforeSendingAnything() {
        registration = new DynamicRegistration(new OutboundHttp(AddressPolicy.production("", false)));

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
                    assertThat(f.getMessage()).contains(lms.configurationUrl());
                    assertThat(f.hint()).contains("TANDEM_LTI_PRIVATE_HOSTS");
                });
        assertThat(lms.requests).as("not even the configuration was fetched").isEmpty();
    }

    @Test
    void productionRegistersAnAllowListedPlatformOnThePrivateNetwork() throws Exception {
        registration = new DynamicRegistration(new OutboundHttp(AddressPolicy.production("127.0.0.0/8", true)));

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.registration().clientId()).isEqualTo("client-42");
    }

    @Test
    void productionReachesAnAllowListedPlatformOverPlainHttpOnlyWhenTheAdministratorSaysSo() {
        registration = new DynamicRegistration(new OutboundHttp(AddressPolicy.production("127.0.0.0/8", false)));

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
                    assertThat(f.getMessage()).contains("TANDEM_LTI_PRIVATE_HTTP");
                });
        assertThat(lms.requests).isEmpty();
    }

    @Test
    void productionRefusesEndpointsTheConfigurationPointsIntoTheInternalNetwork() {
        // the configuration comes from an allow-listed host, but names endpoints elsewhere
        registration = new DynamicRegistration(new OutboundHttp(AddressPolicy.production("localhost", true)));
        String allowed = "http://localhost:" + lms.port();
        for (String field : List.of("registration_endpoint", "jwks_uri", "token_endpoint", "authorization_endpoint")) {
            lms.requests.clear();
            lms.configuration = c -> c.add("issuer", allowed).add("authorization_endpoint", allowed + "/auth")
                    .add("token_endpoint", allowed + "/token").add("jwks_uri", allowed + "/certs")
                    .add("registration_endpoint", allowed + "/register")
                    .add(field, "http://169.254.169.254/latest/meta-data");

            assertThatThrownBy(() -> registration.register(allowed + "/openid-configuration", Optional.of(TOKEN), TOOL))
                    .as(field)
                    .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
                        assertThat(f.getMessage()).contains(field).contains("169.254.169.254");
                    });
            assertThat(lms.requests).as("nothing registered").noneMatch(r -> r.path().equals("/register"));
        }
    }

    @Test
    void explainsAPlatformThatRefusesTheToken() {
        lms.registrationStatus = 401;
        lms.registrationAnswer = "{\"error\":\"invalid_token\",\"error_description\":\"token already used\"}";

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PLATFORM_ERROR);
                    assertThat(f.kind().status()).isEqualTo(502);
                    assertThat(f.getMessage()).contains("HTTP 401").contains(lms.base() + "/register")
                            .doesNotContain("token already used");
                    assertThat(f.answer()).as("for the log").contains("invalid_token").contains("token already used");
                    assertThat(f.hint()).contains("start the registration again");
                });
    }

    @Test
    void explainsAPlatformFailure() {
        lms.registrationStatus = 500;
        lms.registrationAnswer = "<html><body>Internal error</body></html>";

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.getMessage()).contains("HTTP 500").doesNotContain("Internal error");
                    assertThat(f.answer()).contains("an HTML page").contains("Internal error");
                    assertThat(f.hint()).contains("try again later");
                });
    }

    @Test
    void showsCanvasValidationErrors() {
        lms.registrationStatus = 422;
        lms.registrationAnswer = "{\"errors\":[{\"field\":\"scopes\",\"message\":\"cannot contain openid\"}]}";

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.getMessage()).contains("HTTP 422").contains("Tandem's log");
                    assertThat(f.answer()).contains("scopes: cannot contain openid");
                });
    }

    @Test
    void explainsAConfigurationThatIsNotJson() {
        lms.configurationBody = "<html>Please log in</html>";

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.INVALID_RESPONSE);
                    assertThat(f.getMessage()).contains("not a JSON object").contains(lms.configurationUrl());
                });
    }

    @Test
    void explainsAConfigurationUrlAnsweringWithAnError() {
        lms.configurationStatus = 404;

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PLATFORM_ERROR);
                    assertThat(f.getMessage()).contains("HTTP 404").contains(lms.configurationUrl());
                });
    }

    @Test
    void explainsAnUnreachablePlatform() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/openid-configuration";

        assertThatThrownBy(() -> registration.register(url, Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(f.getMessage()).contains(url);
                });
    }

    @Test
    void turnsTransportFailuresIntoUnreachable() {
        registration = new DynamicRegistration(new OutboundHttp(), request -> {
            throw new IOException("proxy refused CONNECT");
        });

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class,
                        f -> assertThat(f.getMessage()).contains("proxy refused CONNECT"));
    }

    @Test
    void refusesMissingOrNonHttpConfigurationUrls() {
        for (String bad : new String[]{null, " ", "file:///etc/passwd", "not a url", "/relative"}) {
            assertThatThrownBy(() -> registration.register(bad, Optional.of(TOKEN), TOOL))
                    .isInstanceOfSatisfying(RegistrationFailure.class,
                            f -> assertThat(f.kind()).isEqualTo(Kind.REQUEST));
        }
        assertThat(lms.requests).isEmpty();
    }

    @Test
    void refusesAnAnswerWithoutClientId() {
        lms.registrationAnswer = "{\"client_name\":\"Tandem\"}";

        assertThatThrownBy(() -> registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL))
                .isInstanceOfSatisfying(RegistrationFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.INVALID_RESPONSE);
                    assertThat(f.getMessage()).contains("no client_id");
                });
    }

    @Test
    void givesCanvasTheAdmitNewPolicyAndItsOwnPlacements() throws Exception {
        lms.configuration = FakeLms::canvas;
        lms.deploymentId = null;
        lms.requireToken = true;

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.registration().deploymentPolicy()).isEqualTo(DeploymentPolicy.ADMIT_NEW);
        assertThat(outcome.deploymentIds()).isEmpty();
        assertThat(outcome.awaitsActivation()).isFalse();
        assertThat(outcome.registration().name()).isEqualTo("Canvas – Test University");
        assertThat(outcome.notes()).isEmpty();

        JsonObject tool = lms.registrationBody().getJsonObject(DynamicRegistration.TOOL_CONFIGURATION);
        assertThat(tool.getString("https://canvas.instructure.com/lti/privacy_level")).isEqualTo("public");
        var messages = tool.getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(strings(messages.get(0), "placements")).containsExactly("course_navigation");
        assertThat(messages.get(0).getString("https://canvas.instructure.com/lti/visibility")).isEqualTo("admins");
        assertThat(strings(messages.get(1), "placements")).containsExactly("link_selection", "assignment_selection");
        assertThat(lms.registrationBody().getString("scope").split(" ")).hasSize(5);
    }

    @Test
    void tellsMoodleAdministratorsToActivateTheTool() throws Exception {
        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.productFamilyCode()).isEqualTo("moodle");
        assertThat(outcome.awaitsActivation()).isTrue();
        assertThat(outcome.registration().deploymentPolicy()).isEqualTo(DeploymentPolicy.STRICT);
    }

    @Test
    void acceptsMessageTypesListedAsPlainNames() throws Exception {
        // Moodle before 4.1 lists message types as strings and placements beside them
        lms.configuration = c -> c.add(DynamicRegistration.PLATFORM_CONFIGURATION, Json.createObjectBuilder()
                .add("product_family_code", "moodle")
                .add("messages_supported", Json.createArrayBuilder().add("LtiResourceLinkRequest").add("LtiDeepLinkingRequest"))
                .add("placements", Json.createArrayBuilder().add("AddContentMenu")));

        registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        var messages = lms.registrationBody().getJsonObject(DynamicRegistration.TOOL_CONFIGURATION)
                .getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(messages).extracting(m -> m.getString("type"))
                .containsExactly("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
        assertThat(messages).allSatisfy(m -> assertThat(m.containsKey("placements")).isFalse());
    }

    @Test
    void leavesOutDeepLinkingWhenThePlatformDoesNotOfferIt() throws Exception {
        lms.configuration = c -> c.add(DynamicRegistration.PLATFORM_CONFIGURATION, Json.createObjectBuilder()
                .add("product_family_code", "sakai")
                .add("messages_supported", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "LtiResourceLinkRequest"))));

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        var messages = lms.registrationBody().getJsonObject(DynamicRegistration.TOOL_CONFIGURATION)
                .getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(messages).extracting(m -> m.getString("type")).containsExactly("LtiResourceLinkRequest");
        assertThat(outcome.registration().name()).isEqualTo("Sakai – 127.0.0.1");
    }

    @Test
    void leavesOutScopesThePlatformDoesNotOffer() throws Exception {
        // Moodle lists NRPS only while its membership service is enabled
        lms.configuration = c -> c.add("scopes_supported", Json.createArrayBuilder().add("openid")
                .add(DynamicRegistration.SCOPE_SCORE).add(DynamicRegistration.SCOPE_LINEITEM));

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(lms.registrationBody().getString("scope").split(" "))
                .containsExactly(DynamicRegistration.SCOPE_LINEITEM, DynamicRegistration.SCOPE_SCORE);
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("does not offer")
                .contains(DynamicRegistration.SCOPE_MEMBERSHIP));
    }

    @Test
    void asksForEveryScopeWhenThePlatformListsNone() throws Exception {
        lms.configuration = c -> c.remove("scopes_supported");

        registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(lms.registrationBody().getString("scope").split(" ")).containsExactlyElementsOf(DynamicRegistration.SCOPES);
    }

    @Test
    void notesScopesThePlatformDidNotGrant() throws Exception {
        lms.grantedScope = DynamicRegistration.SCOPE_SCORE;

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.grantedScopes()).containsExactly(DynamicRegistration.SCOPE_SCORE);
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("did not grant")
                .contains(DynamicRegistration.SCOPE_LINEITEM));
    }

    @Test
    void notesAMissingDeploymentIdUnderTheStrictPolicy() throws Exception {
        lms.deploymentId = null;

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.deploymentIds()).isEmpty();
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("deployment ID"));
    }

    @Test
    void readsNumericIds() throws Exception {
        lms.registrationAnswer = "{\"client_id\":10000000000001,\"" + DynamicRegistration.TOOL_CONFIGURATION
                + "\":{\"deployment_id\":12}}";

        Outcome outcome = registration.register(lms.configurationUrl(), Optional.of(TOKEN), TOOL);

        assertThat(outcome.registration().clientId()).isEqualTo("10000000000001");
        assertThat(outcome.deploymentIds()).containsExactly("12");
    }

    @Test
    void givesTheDomainWithItsPortWhenNotTheDefault() {
        assertThat(DynamicRegistration.domain(URI.create("http://localhost:8080/"))).isEqualTo("localhost:8080");
        assertThat(DynamicRegistration.domain(URI.create("https://tandem.example.org/"))).isEqualTo("tandem.example.org");
    }

    private static List<String> strings(JsonObject o, String name) {
        return o.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    record Request(String method, String path, String authorization, String userAgent, String contentType, String body) {
    }

    /**
     * A learning platform's side of Dynamic Registration on a loopback port: its OpenID
     * configuration (Moodle-like unless a test changes it) and a registration endpoint that
     * checks the bearer token and the body, and answers with a client_id and deployment_id.
     */
    static final class FakeLms implements AutoCloseable {
        final HttpServer server;
        final List<Request> requests = new CopyOnWriteArrayList<>();
        volatile UnaryOperator<JsonObjectBuilder> configuration = UnaryOperator.identity();
        volatile String configurationBody;
        volatile int configurationStatus = 200;
        volatile boolean requireToken = true;
        volatile int registrationStatus = 200;
        volatile String registrationAnswer;
        volatile String deploymentId = "7";
        volatile String grantedScope;

        FakeLms() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/openid-configuration", this::configuration);
            server.createContext("/register", this::register);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String base() {
            return "http://127.0.0.1:" + port();
        }

        String configurationUrl() {
            return base() + "/openid-configuration";
        }

        JsonObject registrationBody() {
            return requests.stream().filter(r -> r.path().equals("/register")).findFirst()
                    .map(r -> Json.createReader(new StringReader(r.body())).readObject())
                    .orElseThrow(() -> new AssertionError("no registration was posted"));
        }

        JsonObjectBuilder moodle() {
            JsonArrayBuilder scopes = Json.createArrayBuilder()
                    .add("openid")
                    .add(DynamicRegistration.SCOPE_SCORE).add(DynamicRegistration.SCOPE_RESULT_READONLY)
                    .add(DynamicRegistration.SCOPE_LINEITEM_READONLY).add(DynamicRegistration.SCOPE_LINEITEM)
                    .add(DynamicRegistration.SCOPE_MEMBERSHIP);
            return Json.createObjectBuilder()
                    .add("issuer", base())
                    .add("authorization_endpoint", base() + "/auth")
                    .add("token_endpoint", base() + "/token")
                    .add("jwks_uri", base() + "/certs")
                    .add("registration_endpoint", base() + "/register")
                    .add("scopes_supported", scopes)
                    .add("response_types_supported", Json.createArrayBuilder().add("id_token"))
                    .add(DynamicRegistration.PLATFORM_CONFIGURATION, Json.createObjectBuilder()
                            .add("product_family_code", "moodle")
                            .add("version", "4.5")
                            .add("messages_supported", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("type", "LtiResourceLinkRequest"))
                                    .add(Json.createObjectBuilder().add("type", "LtiDeepLinkingRequest")
                                            .add("placements", Json.createArrayBuilder().add("ContentArea")))));
        }

        static JsonObjectBuilder canvas(JsonObjectBuilder moodle) {
            JsonArrayBuilder scopes = Json.createArrayBuilder();
            DynamicRegistration.SCOPES.forEach(scopes::add);
            scopes.add("https://canvas.instructure.com/lti/public_jwk/scope/update");
            return moodle.add("scopes_supported", scopes)
                    .add(DynamicRegistration.PLATFORM_CONFIGURATION, Json.createObjectBuilder()
                            .add("product_family_code", "canvas")
                            .add("version", "vCloud")
                            .add("https://canvas.instructure.com/lti/account_name", "Test University")
                            .add("messages_supported", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("type", "LtiResourceLinkRequest")
                                            .add("placements", Json.createArrayBuilder()
                                                    .add("account_navigation").add("course_navigation")))
                                    .add(Json.createObjectBuilder().add("type", "LtiDeepLinkingRequest")
                                            .add("placements", Json.createArrayBuilder().add("assignment_selection")
                                                    .add("editor_button").add("link_selection")))));
        }

        private void configuration(HttpExchange exchange) throws IOException {
            Request request = record(exchange);
            if (requireToken && !("Bearer " + TOKEN).equals(request.authorization())) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            String body = configurationBody != null ? configurationBody : configuration.apply(moodle()).build().toString();
            respond(exchange, configurationStatus, body);
        }

        private void register(HttpExchange exchange) throws IOException {
            Request request = record(exchange);
            if (!"POST".equals(request.method())) {
                respond(exchange, 405, "");
                return;
            }
            if (requireToken && !("Bearer " + TOKEN).equals(request.authorization())) {
                respond(exchange, 401, "{\"error\":\"invalid_token\",\"error_description\":\"bearer token missing\"}");
                return;
            }
            JsonObject sent = Json.createReader(new StringReader(request.body())).readObject();
            // what Moodle's registration endpoint insists on
            if (!sent.containsKey("initiate_login_uri") || !sent.containsKey("redirect_uris")
                    || !sent.containsKey("jwks_uri") || !"private_key_jwt".equals(sent.getString("token_endpoint_auth_method", ""))
                    || !sent.containsKey(DynamicRegistration.TOOL_CONFIGURATION)) {
                respond(exchange, 400, "{\"error\":\"invalid_client_metadata\"}");
                return;
            }
            if (registrationAnswer != null) {
                respond(exchange, registrationStatus, registrationAnswer);
                return;
            }
            JsonObjectBuilder tool = Json.createObjectBuilder(sent.getJsonObject(DynamicRegistration.TOOL_CONFIGURATION));
            if (deploymentId != null) {
                tool.add("deployment_id", deploymentId);
            }
            JsonObjectBuilder answer = Json.createObjectBuilder(sent).add("client_id", "client-42")
                    .add(DynamicRegistration.TOOL_CONFIGURATION, tool);
            if (grantedScope != null) {
                answer.add("scope", grantedScope);
            }
            respond(exchange, registrationStatus, answer.build().toString());
        }

        private Request record(HttpExchange exchange) throws IOException {
            var h = exchange.getRequestHeaders();
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    h.getFirst("Authorization"), h.getFirst("User-Agent"), h.getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(r);
            return r;
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
