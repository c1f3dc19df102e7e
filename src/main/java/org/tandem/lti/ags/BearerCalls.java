package org.tandem.lti.ags;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.function.Function;
import org.tandem.lti.AddressPolicy;
import org.tandem.lti.OutboundHttp;

/**
 * Sends AGS requests with a Bearer token. A 401 means the platform dropped the token before its
 * expiry (restart, revocation): the token is forgotten and the request made once more. Public so
 * the other Advantage clients (NRPS) authenticate the same way.
 */
public final class BearerCalls {

    private final AccessTokens tokens;
    private final OutboundHttp http;

    public BearerCalls(AccessTokens tokens, OutboundHttp http) {
        this.tokens = tokens;
        this.http = http;
    }

    OutboundHttp http() {
        return http;
    }

    public HttpResponse<String> send(TokenEndpoint endpoint, List<String> scopes, URI uri,
                              Function<HttpRequest.Builder, HttpRequest.Builder> build) throws AgsException {
        String token = tokens.token(endpoint, scopes);
        HttpResponse<String> response = sendOnce(uri, build, token);
        if (response.statusCode() == 401) {
            tokens.forget(endpoint, scopes, token);
            response = sendOnce(uri, build, tokens.token(endpoint, scopes));
        }
        return response;
    }

    private HttpResponse<String> sendOnce(URI uri, Function<HttpRequest.Builder, HttpRequest.Builder> build,
                                          String token) throws AgsException {
        HttpRequest request = build.apply(http.request(uri).header("Authorization", "Bearer " + token)).build();
        try {
            return http.send(request);
        } catch (HttpTimeoutException e) {
            throw new AgsException(request.method() + " " + uri + " did not answer in time", true, 0, e);
        } catch (AddressPolicy.Refused e) {
            // not the platform being down: retrying cannot help until an administrator changes a setting
            throw new AgsException(e.getMessage(), false, 0, e);
        } catch (IOException e) {
            throw new AgsException("cannot reach " + uri + ": " + e.getMessage(), true, 0, e);
        }
    }

    /**
     * A service URL with a path segment appended before its query string: platforms put meaning in
     * the query (Moodle's {@code ?type_id=}), and AGS §3.4 defines the scores URL as the line item
     * URL with {@code /scores} added to its path.
     */
    static URI appendPath(URI base, String segment) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        String joined = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + segment;
        return rebuild(base, joined, base.getRawQuery());
    }

    /** Adds query parameters after any the platform put in the URL. */
    static URI addQuery(URI base, String query) {
        if (query == null || query.isEmpty()) {
            return base;
        }
        String existing = base.getRawQuery();
        return rebuild(base, base.getRawPath(), existing == null || existing.isEmpty() ? query : existing + "&" + query);
    }

    private static URI rebuild(URI base, String rawPath, String rawQuery) {
        StringBuilder s = new StringBuilder();
        s.append(base.getScheme()).append("://").append(base.getRawAuthority()).append(rawPath == null ? "" : rawPath);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            s.append('?').append(rawQuery);
        }
        if (base.getRawFragment() != null) {
            s.append('#').append(base.getRawFragment());
        }
        return URI.create(s.toString());
    }
}
