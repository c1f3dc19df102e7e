package org.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;
import org.tandem.testing.TandemProcess;

/**
 * The packaged Tandem as production runs it: TANDEM_BASE_URL set, a registration code, and one
 * LMS host on the private network allow-listed ("localhost"; its other name 127.0.0.1 stands for
 * every other internal address). What it fetches, what it registers, what it serves.
 */
class ProductionIT {

    private static final String PASSWORD = "production-admin";
    private static final String CODE = "reg-code-" + System.nanoTime();
    private static final int LOGINS_PER_PLATFORM = 5;

    private static TandemProcess tandem;
    private static Lms lms;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        lms = new Lms();
        tandem = TandemProcess.named("production").directory(Files.createTempDirectory("tandem-production").toFile())
                .ownBaseUrl()
                .env("TANDEM_ADMIN_PASSWORD", PASSWORD)
                .env("TANDEM_LTI_REGISTRATION_CODE", CODE)
                .env("TANDEM_LTI_PRIVATE_HOSTS", "localhost")
                .env("TANDEM_LTI_PRIVATE_HTTP", "true")
                .property("tandem.lti.login-states-per-platform", String.valueOf(LOGINS_PER_PLATFORM))
                .build().start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        tandem.kill();
        lms.close();
    }

    @BeforeEach
    void reset() {
        lms.requests.clear();
        lms.configuration = UnaryOperator.identity();
    }

    @Test
    void theDemoPlatformIsOff() {
        assertThat(get("demo").statusCode()).isEqualTo(404);
        assertThat(get("demo").body()).contains("The demo platform is off");
    }

    @Test
    void payarasDescriptionsOfTheServerAreNotPublic() {
        assertThat(get("metrics").statusCode()).isIn(403, 404);
        assertThat(get("openapi").statusCode()).isIn(403, 404);
        assertThat(get("application.wadl").statusCode()).isEqualTo(404);
        assertThat(get("health/ready").statusCode()).as("the load balancer's check stays").isEqualTo(200);
    }

    @Test
    void dynamicRegistrationNeedsTheRegistrationCode() {
        HttpResponse<String> page = register(lms.url("localhost", "/openid-configuration"), null);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(lms.requests).isEmpty();
    }

    @Test
    void registersAnAllowListedLmsOnThePrivateNetwork() {
        HttpResponse<String> page = register(lms.url("localhost", "/openid-configuration"), CODE);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Tandem is registered");
        assertThat(lms.requests).containsExactly("GET /openid-configuration", "POST /register");
    }

    @Test
    void fetchesNothingFromAnAddressThatIsNotAllowListed() {
        HttpResponse<String> page = register(lms.url("127.0.0.1", "/openid-configuration"), CODE);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("TANDEM_LTI_PRIVATE_HOSTS");
        assertThat(lms.requests).isEmpty();
    }

    @Test
    void anAllowListedConfigurationCannotPointTandemElsewhere() {
        for (String field : List.of("registration_endpoint", "jwks_uri", "token_endpoint", "authorization_endpoint")) {
            lms.requests.clear();
            lms.configuration = c -> c.add(field, lms.url("127.0.0.1", "/internal/" + field));

            HttpResponse<String> page = register(lms.url("localhost", "/openid-configuration"), CODE);

            assertThat(page.statusCode()).as(field + ": " + page.body()).isEqualTo(403);
            assertThat(page.body()).contains(field);
            assertThat(lms.requests).as(field).containsExactly("GET /openid-configuration");
        }
    }

    @Test
    void followsNoRedirectIntoTheInternalNetworkAndShowsNothingAnInternalServiceAnswered() {
        lms.redirect = lms.url("127.0.0.1", "/internal/secret");
        HttpResponse<String> redirected = register(lms.url("localhost", "/moved"), CODE);
        assertThat(redirected.statusCode()).isEqualTo(502);
        assertThat(lms.requests).containsExactly("GET /moved");

        lms.requests.clear();
        HttpResponse<String> answered = register(lms.url("localhost", "/internal/secret"), CODE);
        assertThat(answered.statusCode()).isEqualTo(502);
        assertThat(answered.body()).as("the internal answer is logged, not shown").doesNotContain(Lms.SECRET);
    }

    @Test
    void aFloodOfLoginsForOnePlatformIsRefusedOnceItsLoginsAreUsedUp() {
        try (TestPlatform platform = TestPlatform.start()) {
            HttpResponse<String> registered = http(HttpRequest.newBuilder(java.net.URI.create(tandem.url() + "admin/api/platforms"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(platform.registrationJson())));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

            java.util.Map<String, String> login = formOf("iss", platform.issuer(), "login_hint", "anyone",
                    "target_link_uri", tandem.url() + "lti/launch", "client_id", platform.clientId());
            for (int i = 0; i < LOGINS_PER_PLATFORM; i++) {
                assertThat(new LtiBrowser(tandem.url()).loginGet(login).status()).isEqualTo(302);
            }
            LtiBrowser.Login refused = new LtiBrowser(tandem.url()).loginGet(login);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.response().header("Retry-After")).isPresent();
            assertThat(refused.body()).contains("Too many launches");
        }
    }

    private HttpResponse<String> register(String configuration, String code) {
        return get("lti/register?openid_configuration=" + URLEncoder.encode(configuration, StandardCharsets.UTF_8)
                + "&registration_token=t" + (code == null ? "" : "&code=" + code));
    }

    private HttpResponse<String> get(String path) {
        return http(HttpRequest.newBuilder(java.net.URI.create(tandem.url() + path)).GET());
    }

    private HttpResponse<String> http(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An LMS on the trust's network, reachable as "localhost" (allow-listed) and as 127.0.0.1
     * (standing for any other internal address). Its configuration names endpoints on whichever
     * host it was asked on; /internal/ stands for an internal service with something to hide.
     */
    static final class Lms implements AutoCloseable {
        static final String SECRET = "internal-secret-" + System.nanoTime();
        final HttpServer server;
        final List<String> requests = new CopyOnWriteArrayList<>();
        volatile UnaryOperator<jakarta.json.JsonObjectBuilder> configuration = UnaryOperator.identity();
        volatile String redirect;

        Lms() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url(String host, String path) {
            return "http://" + host + ":" + server.getAddress().getPort() + path;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            String host = exchange.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", "");
            if (path.equals("/moved")) {
                exchange.getResponseHeaders().set("Location", redirect);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            } else if (path.equals("/openid-configuration")) {
                respond(exchange, 200, configuration.apply(Json.createObjectBuilder()
                        .add("issuer", url(host, ""))
                        .add("authorization_endpoint", url(host, "/auth"))
                        .add("token_endpoint", url(host, "/token"))
                        .add("jwks_uri", url(host, "/certs"))
                        .add("registration_endpoint", url(host, "/register"))
                        .add("https://purl.imsglobal.org/spec/lti-platform-configuration", Json.createObjectBuilder()
                                .add("product_family_code", "moodle").add("version", "4.4"))).build().toString());
            } else if (path.equals("/register")) {
                JsonObject sent = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8))).readObject();
                respond(exchange, 200, Json.createObjectBuilder(sent).add("client_id", "client-" + System.nanoTime())
                        .add("https://purl.imsglobal.org/spec/lti-tool-configuration", Json.createObjectBuilder(
                                sent.getJsonObject("https://purl.imsglobal.org/spec/lti-tool-configuration"))
                                .add("deployment_id", "1")).build().toString());
            } else {
                respond(exchange, 500, "{\"error\":\"" + SECRET + "\"}");
            }
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
