package org.tandem.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The address policy on real connections: a loopback server stands for a host on the internal
 * network, and names are resolved by the test, so what the connection uses is what the policy
 * saw.
 */
class OutboundHttpTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/moved")) {
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getQuery());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = ("answer to " + exchange.getRequestMethod() + " " + path).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** "platform.test" and "rebound.test" are this test's names for the loopback server. */
    private static InetAddress[] lookup(String host) throws UnknownHostException {
        if (host.equals("platform.test") || host.equals("rebound.test")) {
            return new InetAddress[]{InetAddress.getLoopbackAddress()};
        }
        return InetAddress.getAllByName(host);
    }

    private OutboundHttp production(String allowList) {
        return new OutboundHttp(AddressPolicy.production(allowList, true, OutboundHttpTest::lookup));
    }

    @Test
    void connectsToTheAddressesThePolicyCheckedForAnAllowListedHost() throws Exception {
        // platform.test exists only in this test's resolver: the connection can only have used its answer
        HttpResponse<String> answer = production("platform.test").get(URI.create("http://platform.test:" + port() + "/certs"),
                "application/json");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("answer to GET /certs");
    }

    @Test
    void refusesANameThatResolvesIntoThePrivateNetworkWhenItConnects() {
        // https needs no look-up before the request; the check happens at connect, on the address it connects to
        OutboundHttp http = production("platform.test");

        assertThatThrownBy(() -> http.get(URI.create("https://rebound.test:" + port() + "/secret"), "*/*"))
                .isInstanceOf(AddressPolicy.Refused.class).hasMessageContaining("rebound.test");
        assertThat(received).isEmpty();
    }

    @Test
    void followsARedirectOfAGetOnlyToWhereThePolicyAllows() throws Exception {
        OutboundHttp http = production("platform.test");
        String allowed = "http://platform.test:" + port();

        HttpResponse<String> followed = http.get(URI.create(allowed + "/moved?" + allowed + "/final"), "*/*");
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("answer to GET /final");
        assertThat(followed.uri()).hasToString(allowed + "/final");

        received.clear();
        HttpResponse<String> refused = http.get(URI.create(allowed + "/moved?http://127.0.0.1:" + port() + "/secret"), "*/*");
        assertThat(refused.statusCode()).as("answered as it came, not followed").isEqualTo(302);
        assertThat(received).containsExactly("GET /moved?http://127.0.0.1:" + port() + "/secret");
    }

    @Test
    void neverFollowsARedirectOfAPost() throws Exception {
        String allowed = "http://platform.test:" + port();

        HttpResponse<String> answer = production("platform.test").send(HttpRequest.newBuilder(
                        URI.create(allowed + "/moved?" + allowed + "/final"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(received).hasSize(1);
    }

    @Test
    void sendsTheRequestAsDescribed() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        server.createContext("/register", exchange -> {
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("User-Agent") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        OutboundHttp http = new OutboundHttp();

        HttpResponse<String> answer = http.send(http.request(URI.create("http://127.0.0.1:" + port() + "/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"ü\"}")).build());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(bodies).containsExactly("application/json " + OutboundHttp.USER_AGENT + " {\"a\":\"ü\"}");
    }
}
