package org.tandem.lti.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plays the browser between a platform and Tandem: starts the OIDC login, reads the
 * authentication request out of Tandem's redirect, and posts the id_token back with the state
 * cookie. Redirects are never followed, so each test sees every hop. Cookies are kept here
 * because {@link java.net.CookieManager} drops {@code Secure} cookies on plain http, which a
 * browser on {@code http://localhost} keeps.
 */
public final class LtiBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    public LtiBrowser(URL base) {
        this(URI.create(base.toString()));
    }

    public LtiBrowser(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** Tandem's base URL, ending in '/'. */
    public URI base() {
        return base;
    }

    /** Third-party initiated login by GET (LTI Core §4.1). */
    public Login loginGet(Map<String, String> params) {
        URI uri = resolve("lti/login?" + form(params));
        return new Login(send(HttpRequest.newBuilder(uri).GET(), uri));
    }

    /** Third-party initiated login by form POST, as Moodle and Canvas do it. */
    public Login loginPost(Map<String, String> params) {
        return new Login(postForm("lti/login", params));
    }

    /** The platform's form_post of the authentication response, with the cookies this browser holds. */
    public Response launch(String idToken, String state) {
        return postForm("lti/launch", formOf("id_token", idToken, "state", state));
    }

    /** The same form_post from a browser that blocked or lost the state cookie. */
    public Response launchWithoutCookie(String idToken, String state) {
        return postFormWithoutCookies("lti/launch", formOf("id_token", idToken, "state", state));
    }

    /** POSTs a form as a browser that blocks third-party cookies: none is sent. */
    public Response postFormWithoutCookies(String pathOrUrl, Map<String, String> form) {
        URI uri = resolve(pathOrUrl);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), uri, false);
    }

    /** POSTs a form to a path under the base (or an absolute URL), sending matching cookies. */
    public Response postForm(String pathOrUrl, Map<String, String> form) {
        URI uri = resolve(pathOrUrl);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), uri);
    }

    /** GETs a path under the base (or an absolute URL); redirects are returned, not followed. */
    public Response get(String pathOrUrl) {
        URI uri = resolve(pathOrUrl);
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    /** The value of a cookie this browser holds. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name)).map(Cookie::value);
    }

    public URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        return base.resolve(pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl);
    }

    /** A form or query in insertion order, for call sites that read like the wire. */
    public static Map<String, String> formOf(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private Response send(HttpRequest.Builder request, URI uri) {
        return send(request, uri, true);
    }

    private Response send(HttpRequest.Builder request, URI uri, boolean withCookies) {
        if (withCookies) {
            String header = cookies.values().stream()
                    .filter(c -> c.matches(uri.getPath()))
                    .map(c -> c.name() + "=" + c.value())
                    .collect(Collectors.joining("; "));
            if (!header.isEmpty()) {
                request.header("Cookie", header);
            }
        }
        request.timeout(TIMEOUT);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response r = new Response(response.statusCode(), response.headers(), response.body(), uri);
            r.setCookies().forEach(this::store);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + uri, e);
        }
    }

    private void store(String setCookie) {
        Cookie cookie = Cookie.parse(setCookie);
        if (cookie.expired()) {
            cookies.remove(cookie.name());
        } else {
            cookies.put(cookie.name(), cookie);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** One HTTP response; nothing followed. */
    public record Response(int status, HttpHeaders headers, String body, URI uri) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The Location header resolved against the request URI. */
        public Optional<URI> location() {
            return headers.firstValue("Location").map(uri::resolve);
        }

        public List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " from " + uri + " " + headers.map() + "\n"
                    + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    /** The answer to a login initiation: Tandem's redirect to the platform, read as an OIDC request. */
    public record Login(Response response) {

        public int status() {
            return response.status();
        }

        public String body() {
            return response.body();
        }

        public List<String> setCookies() {
            return response.setCookies();
        }

        /** The authentication request Tandem redirected to, when it redirected. */
        public Optional<AuthRequest> location() {
            return response.location().map(AuthRequest::of);
        }

        /** The authentication request; fails with the whole response when there was no redirect. */
        public AuthRequest authRequest() {
            if (response.status() != 302 && response.status() != 303) {
                throw new IllegalStateException("login initiation did not redirect: " + response);
            }
            return location().orElseThrow(() -> new IllegalStateException("redirect without Location: " + response));
        }

        public String state() {
            return authRequest().state();
        }

        public String nonce() {
            return authRequest().nonce();
        }

        @Override
        public String toString() {
            return response.toString();
        }
    }

    /** An OIDC authentication request (Security Framework §5.1.1.2) as sent to the platform. */
    public record AuthRequest(URI uri, String endpoint, Map<String, String> params) {

        public static AuthRequest of(URI uri) {
            String endpoint = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
            return new AuthRequest(uri, endpoint, Map.copyOf(query(uri.getRawQuery())));
        }

        public String param(String name) {
            return params.get(name);
        }

        public String state() {
            return params.get("state");
        }

        public String nonce() {
            return params.get("nonce");
        }

        public String redirectUri() {
            return params.get("redirect_uri");
        }

        public String clientId() {
            return params.get("client_id");
        }

        public String loginHint() {
            return params.get("login_hint");
        }

        public String ltiMessageHint() {
            return params.get("lti_message_hint");
        }

        public String responseType() {
            return params.get("response_type");
        }

        public String responseMode() {
            return params.get("response_mode");
        }

        public String scope() {
            return params.get("scope");
        }

        public String prompt() {
            return params.get("prompt");
        }
    }

    /** A cookie as the server set it; attribute names lower-cased, values kept. */
    public record Cookie(String name, String value, String path, Map<String, String> attributes) {

        public static Cookie parse(String header) {
            String[] parts = header.split(";");
            String[] nv = parts[0].trim().split("=", 2);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] av = parts[i].trim().split("=", 2);
                if (!av[0].isEmpty()) {
                    attributes.put(av[0].toLowerCase(Locale.ROOT), av.length > 1 ? av[1].trim() : "");
                }
            }
            String path = attributes.getOrDefault("path", "/");
            return new Cookie(nv[0].trim(), nv.length > 1 ? unquote(nv[1].trim()) : "", path, attributes);
        }

        public boolean has(String attribute) {
            return attributes.containsKey(attribute.toLowerCase(Locale.ROOT));
        }

        public Optional<String> attribute(String attribute) {
            return Optional.ofNullable(attributes.get(attribute.toLowerCase(Locale.ROOT)));
        }

        boolean expired() {
            String maxAge = attributes.get("max-age");
            try {
                return maxAge != null && Long.parseLong(maxAge) <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** RFC 6265 §5.1.4 path-match. */
        boolean matches(String requestPath) {
            String p = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
            return p.equals(path) || (p.startsWith(path) && (path.endsWith("/") || p.charAt(path.length()) == '/'));
        }

        private static String unquote(String v) {
            return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }
    }

    /** Every cookie this browser holds, for assertions. */
    public List<Cookie> cookies() {
        return new ArrayList<>(cookies.values());
    }
}
