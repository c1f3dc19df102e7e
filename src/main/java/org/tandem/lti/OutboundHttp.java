package org.tandem.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request Tandem makes to a platform goes through here, so each carries a User-Agent
 * (Canvas refuses requests without one), has bounded time-outs and answer sizes, and obeys the
 * {@link AddressPolicy}: the URL is checked before the request, every address when a connection
 * is made (the connection uses exactly the addresses that were checked), and redirects are
 * followed only for GET, at most three, each checked the same way.
 *
 * <p>Requests and answers are {@link java.net.http} values, so callers and their tests describe
 * them the standard way; Apache HttpClient sends them because the JDK's client resolves names
 * itself at connect time, which leaves no place to check the address it connects to.
 */
@ApplicationScoped
public class OutboundHttp {

    private static final Logger LOG = Logger.getLogger(OutboundHttp.class.getName());

    public static final String USER_AGENT = "Tandem-LTI/0.1 (+https://github.com/tandem-lti)";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Larger than any page of memberships or line items a platform sends; a bound on what a hostile URL can make Tandem read. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 3;

    @Inject
    @ConfigProperty(name = "tandem.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "tandem.lti.private-hosts")
    Optional<String> privateHosts;

    @Inject
    @ConfigProperty(name = "tandem.lti.private-http", defaultValue = "false")
    boolean privateHttp;

    private AddressPolicy policy;
    private volatile CloseableHttpClient client;

    /** Allows any address: a local run, or a test talking to its own loopback platform. */
    public OutboundHttp() {
        this(AddressPolicy.open());
    }

    public OutboundHttp(AddressPolicy policy) {
        this.policy = policy;
    }

    /**
     * Production (TANDEM_BASE_URL set) fetches https from public addresses and what the
     * administrator allow-lists; a local run anything.
     */
    @PostConstruct
    void configure() {
        if (baseUrl.filter(s -> !s.isBlank()).isPresent()) {
            try {
                policy = AddressPolicy.production(privateHosts.orElse(""), privateHttp);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("TANDEM_LTI_PRIVATE_HOSTS: " + e.getMessage(), e);
            }
        } else {
            policy = AddressPolicy.open();
        }
        AddressPolicy configured = policy;
        LOG.info(() -> "Outbound requests to platforms: " + configured.describe());
    }

    /**
     * Created with the application rather than at the first request, so the rule is in the log
     * at start and an allow-list Tandem cannot read stops the start.
     */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        LOG.fine(() -> "outbound policy in force: " + policy.describe());
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        }
    }

    public AddressPolicy policy() {
        return policy;
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", USER_AGENT);
    }

    /**
     * Sends the request and reads the whole answer as text.
     *
     * @throws AddressPolicy.Refused when the policy refuses the URL or an address it resolves to
     * @throws HttpTimeoutException  when the platform does not connect or answer in time
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException {
        policy.checkUrl(request.uri());
        ClassicRequestBuilder apache = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(v -> apache.addHeader(name, v)));
        Optional<byte[]> body = body(request);
        body.ifPresent(bytes -> apache.setEntity(new ByteArrayEntity(bytes, null)));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(request.timeout().orElse(TIMEOUT)))
                .setRedirectsEnabled(true).setMaxRedirects(MAX_REDIRECTS).build());
        try {
            return client().execute(apache.build(), context, response -> {
                URI last = context.getRedirectLocations() == null || context.getRedirectLocations().size() == 0
                        ? request.uri() : context.getRedirectLocations().get(context.getRedirectLocations().size() - 1);
                return new Answer(response.getCode(), request, headers(response), text(response.getEntity(), request.uri()), last);
            });
        } catch (ConnectTimeoutException e) {
            throw new HttpConnectTimeoutException("no connection to " + request.uri() + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no answer from " + request.uri() + " within "
                    + request.timeout().orElse(TIMEOUT).toSeconds() + " s");
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    public HttpResponse<String> get(URI uri, String accept) throws IOException {
        return send(request(uri).header("Accept", accept).GET().build());
    }

    private CloseableHttpClient client() {
        CloseableHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = build(policy);
                    client = c;
                }
            }
        }
        return c;
    }

    private static CloseableHttpClient build(AddressPolicy policy) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setTimeToLive(Timeout.ofMinutes(5)).build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(10)
                        .build())
                .setRedirectStrategy(new CheckedRedirects(policy))
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Follows redirects of GET requests only, to locations the policy allows; any other is answered as it came. */
    private static final class CheckedRedirects extends DefaultRedirectStrategy {
        private final AddressPolicy policy;

        CheckedRedirects(AddressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isRedirected(org.apache.hc.core5.http.HttpRequest request, org.apache.hc.core5.http.HttpResponse response,
                                    HttpContext context) throws org.apache.hc.core5.http.ProtocolException {
            if (!"GET".equals(request.getMethod()) || !super.isRedirected(request, response, context)) {
                return false;
            }
            try {
                URI location = getLocationURI(request, response, context);
                policy.checkUrl(location);
                return true;
            } catch (UnknownHostException | HttpException e) {
                LOG.info(() -> "not following the redirect of " + request.getRequestUri() + ": " + e.getMessage());
                return false;
            }
        }
    }

    private static Optional<byte[]> body(HttpRequest request) throws IOException {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return Optional.empty();
        }
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                bytes.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                bytes.complete(out.toByteArray());
            }
        });
        try {
            return Optional.of(bytes.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read the body of the request to " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing the request to " + request.uri(), e);
        }
    }

    private static HttpHeaders headers(ClassicHttpResponse response) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            map.computeIfAbsent(header.getName(), k -> new java.util.ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(new LinkedHashMap<>(map), (name, value) -> true);
    }

    private static String text(HttpEntity entity, URI uri) throws IOException {
        if (entity == null) {
            return "";
        }
        Charset charset = Optional.ofNullable(ContentType.parseLenient(entity.getContentType()))
                .map(ContentType::getCharset).orElse(StandardCharsets.UTF_8);
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException("the answer from " + uri + " is larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MB");
            }
            return new String(bytes, charset);
        }
    }

    /** An answer read in full. */
    private record Answer(int statusCode, HttpRequest request, HttpHeaders headers, String body, URI uri)
            implements HttpResponse<String> {

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }
}
