package org.tandem.lti.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;

/**
 * LTI Dynamic Registration through real HTTP: an LMS (a loopback server in this test) opens
 * Tandem's registration URL, Tandem fetches the LMS's configuration, registers itself there and
 * the administrator's API then lists the platform with its deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DynamicRegistrationIT {

    static final String TOKEN = "it-registration-token";

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    final HttpClient client = HttpClient.newHttpClient();
    Lms lms;

    @BeforeEach
    void start() throws IOException {
        lms = new Lms();
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    @Test
    void registersFromTheLmsAndListsThePlatformWithItsDeployment() throws Exception {
        HttpResponse<String> page = get(tandem("lti/register?openid_configuration=" + enc(lms.configurationUrl())
                + "&registration_token=" + enc(TOKEN)));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Tandem is registered").contains("client-it-1").contains("dep-it-1")
                .contains(lms.base())
                .contains("Manage tools") // Moodle: the site administrator must activate the pending tool
                .contains("registration-close.js");

        JsonObject sent = lms.registration();
        String tandem = tandem("").toString();
        assertThat(sent.getString("initiate_login_uri")).isEqualTo(tandem + "lti/login");
        assertThat(sent.getJsonArray("redirect_uris").getValuesAs(JsonString.class))
                .extracting(JsonString::getString).containsExactly(tandem + "lti/launch");
        assertThat(sent.getString("jwks_uri")).isEqualTo(tandem + ".well-known/jwks.json");
        assertThat(lms.authorizations).containsOnly("Bearer " + TOKEN);

        HttpResponse<String> listed = client.send(HttpRequest.newBuilder(tandem("admin/api/platforms"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonArray platforms = Json.createReader(new StringReader(listed.body())).readArray();
        assertThat(platforms.getValuesAs(JsonObject.class))
                .filteredOn(p -> lms.base().equals(p.getString("issuer", null)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getString("client_id")).isEqualTo("client-it-1");
                    assertThat(p.toString()).contains("dep-it-1").contains("DYNAMIC").contains(lms.base() + "/auth");
                });
    }

    @Test
    void explainsABadConfigurationUrlInsteadOfFailing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HttpResponse<String> unreachable = get(tandem("lti/register?openid_configuration="
                + enc("http://127.0.0.1:" + closed + "/openid-configuration") + "&registration_token=x"));
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("could not register").contains("could not reach")
                .contains("127.0.0.1:" + closed);

        lms.issuer = "https://lms.example.edu";
        HttpResponse<String> foreignIssuer = get(tandem("lti/register?openid_configuration=" + enc(lms.configurationUrl())
                + "&registration_token=" + enc(TOKEN)));
        assertThat(foreignIssuer.statusCode()).isEqualTo(400);
        assertThat(foreignIssuer.body()).contains("lms.example.edu").doesNotContain("Exception");
        assertThat(lms.registrations).isEmpty();

        HttpResponse<String> direct = get(tandem("lti/register"));
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(direct.body()).contains("meant to be opened by the LMS");
    }

    @Test
    void servesCanvasConfigurationWithItsOwnUrls() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(tandem("lti/config/canvas.json"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
        String tandem = tandem("").toString();
        assertThat(json.getString("oidc_initiation_url")).isEqualTo(tandem + "lti/login");
        assertThat(json.getString("target_link_uri")).isEqualTo(tandem + "lti/launch");
        assertThat(json.getString("public_jwk_url")).isEqualTo(tandem + ".well-known/jwks.json");
        assertThat(json.getJsonArray("scopes")).hasSize(5);

        HttpResponse<String> sheet = get(tandem("lti/config/registration"));
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).contains(tandem + "lti/register").contains(tandem + "lti/config/canvas.json");
    }

    private URI tandem(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + path);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A Moodle-like LMS: OpenID configuration plus a registration endpoint that checks the bearer token. */
    static final class Lms implements AutoCloseable {
        final HttpServer server;
        final List<String> registrations = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        volatile String issuer;

        Lms() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            issuer = base();
            server.createContext("/openid-configuration", this::configuration);
            server.createContext("/register", this::register);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String configurationUrl() {
            return base() + "/openid-configuration";
        }

        JsonObject registration() {
            assertThat(registrations).hasSize(1);
            return Json.createReader(new StringReader(registrations.get(0))).readObject();
        }

        private void configuration(HttpExchange exchange) throws IOException {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, Json.createObjectBuilder()
                    .add("issuer", issuer)
                    .add("authorization_endpoint", base() + "/auth")
                    .add("token_endpoint", base() + "/token")
                    .add("jwks_uri", base() + "/certs")
                    .add("registration_endpoint", base() + "/register")
                    .add("https://purl.imsglobal.org/spec/lti-platform-configuration", Json.createObjectBuilder()
                            .add("product_family_code", "moodle")
                            .add("version", "4.5")
                            .add("messages_supported", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("type", "LtiResourceLinkRequest"))
                                    .add(Json.createObjectBuilder().add("type", "LtiDeepLinkingRequest")
                                            .add("placements", Json.createArrayBuilder().add("ContentArea")))))
                    .build().toString());
        }

        private void register(HttpExchange exchange) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (!"POST".equals(exchange.getRequestMethod()) || !("Bearer " + TOKEN).equals(authorization)) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            registrations.add(body);
            JsonObject sent = Json.createReader(new StringReader(body)).readObject();
            respond(exchange, 200, Json.createObjectBuilder(sent)
                    .add("client_id", "client-it-1")
                    .add("https://purl.imsglobal.org/spec/lti-tool-configuration",
                            Json.createObjectBuilder(sent.getJsonObject("https://purl.imsglobal.org/spec/lti-tool-configuration"))
                                    .add("deployment_id", "dep-it-1"))
                    .build().toString());
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
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
