package org.tandem.lti;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A URL with query parameters added, every value percent-encoded in full (RFC 3986 §3.4) so that
 * it reaches the other side byte for byte. Platforms send values that are opaque to a tool and
 * must come back unchanged (Security Framework §5.1.1: {@code login_hint}, {@code
 * lti_message_hint}; client and deployment ids): Moodle's message hint is JSON, Canvas's a JWT.
 * JAX-RS {@code UriBuilder.queryParam} is not for such values: it reads {@code {…}} as a URI
 * template and keeps {@code %xx} as if already encoded.
 */
public final class QueryString {

    private final String beforeQuery;
    private final StringBuilder query;
    private final String fragment;

    private QueryString(URI base) {
        String s = base.toString();
        int hash = s.indexOf('#');
        fragment = hash < 0 ? "" : s.substring(hash);
        String withoutFragment = hash < 0 ? s : s.substring(0, hash);
        int question = withoutFragment.indexOf('?');
        // a query the URL already has (an LMS endpoint like auth.php?id=3) is kept as it is
        beforeQuery = question < 0 ? withoutFragment : withoutFragment.substring(0, question);
        query = new StringBuilder(question < 0 ? "" : withoutFragment.substring(question + 1));
    }

    /** Starts from this URL, keeping its path, query and fragment. */
    public static QueryString on(URI base) {
        return new QueryString(base);
    }

    public static QueryString on(String base) {
        return new QueryString(URI.create(base));
    }

    /** Adds one parameter; a null value adds nothing. */
    public QueryString add(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(String.valueOf(value)));
        return this;
    }

    /** Adds the parameter when the value is present. */
    public QueryString add(String name, Optional<?> value) {
        return add(name, value.orElse(null));
    }

    public URI toUri() {
        return URI.create(toString());
    }

    @Override
    public String toString() {
        return beforeQuery + (query.length() == 0 ? "" : "?" + query) + fragment;
    }

    /**
     * Percent-encodes everything but unreserved characters. A space becomes {@code %20}, not
     * {@code +}: both readings of a query (form decoding and plain RFC 3986) then agree, and a
     * real {@code +} is sent as {@code %2B}.
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
