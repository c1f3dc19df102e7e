package org.tandem.lti;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Every request Tandem makes to a platform goes through here, so each carries a User-Agent
 * (Canvas refuses requests without one) and bounded time-outs.
 */
@ApplicationScoped
public class OutboundHttp {

    public static final String USER_AGENT = "Tandem-LTI/0.1 (+https://github.com/tandem-lti)";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", USER_AGENT);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    public HttpResponse<String> get(URI uri, String accept) throws IOException {
        return send(request(uri).header("Accept", accept).GET().build());
    }
}
