package org.tandem.lti.ags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.lti.OutboundHttp;

/**
 * The line items of a context (AGS 2.0 §3.2), reached through the launch's {@code lineitems}
 * URL: list them filtered by resource_id / tag, create one, or find-or-create the column for a
 * Tandem activity when the resource link came without its own {@code lineitem}.
 */
@ApplicationScoped
public class LineItems {

    private static final List<String> SCOPES = AccessTokens.scopes(AgsScope.LINEITEM);
    /** A context with more pages than this is not one Tandem placed its columns in by hand. */
    static final int MAX_PAGES = 50;
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

    private BearerCalls calls;

    protected LineItems() {
        // for CDI
    }

    @Inject
    public LineItems(AccessTokens tokens, OutboundHttp http) {
        this.calls = new BearerCalls(tokens, http);
    }

    /**
     * Line items with this resourceId and tag (either may be null: not filtered). The filters go to
     * the platform as query parameters (§3.2.4) and are applied again here, as not every platform
     * honours them; pages are followed through {@code Link: rel="next"}.
     */
    public List<LineItem> find(TokenEndpoint endpoint, URI lineItems, String resourceId, String tag) throws AgsException {
        List<String> params = new ArrayList<>();
        if (resourceId != null) {
            params.add("resource_id=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8));
        }
        if (tag != null) {
            params.add("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        URI page = BearerCalls.addQuery(lineItems, String.join("&", params));
        List<LineItem> found = new ArrayList<>();
        for (int i = 0; page != null && i < MAX_PAGES; i++) {
            URI current = page;
            HttpResponse<String> response = calls.send(endpoint, SCOPES, current,
                    request -> request.header("Accept", LineItem.CONTAINER_MEDIA_TYPE).GET());
            JsonValue body = expect(response, current);
            if (!(body instanceof JsonArray items)) {
                throw new AgsException("GET " + current + " did not answer a line item container (JSON array): "
                        + AgsException.excerpt(response.body()), false, response.statusCode(), null);
            }
            for (JsonValue item : items) {
                if (item instanceof JsonObject object) {
                    LineItem lineItem = LineItem.fromJson(object);
                    if (lineItem.matches(resourceId, tag)) {
                        found.add(lineItem);
                    }
                }
            }
            page = next(response).orElse(null);
        }
        return found;
    }

    /** Creates the line item in the context (§3.2.6); the platform's answer carries its id. */
    public LineItem create(TokenEndpoint endpoint, URI lineItems, LineItem item) throws AgsException {
        HttpResponse<String> response = calls.send(endpoint, SCOPES, lineItems, request -> request
                .header("Content-Type", LineItem.MEDIA_TYPE)
                .header("Accept", LineItem.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(item.toJson().toString())));
        JsonValue body = expect(response, lineItems);
        if (!(body instanceof JsonObject object) || object.getString("id", null) == null) {
            throw new AgsException("POST " + lineItems + " answered without the new line item's id: "
                    + AgsException.excerpt(response.body()), false, response.statusCode(), null);
        }
        return LineItem.fromJson(object);
    }

    /** The existing line item with the template's resourceId and tag, or a new one made from the template. */
    public LineItem findOrCreate(TokenEndpoint endpoint, URI lineItems, LineItem template) throws AgsException {
        if (template.resourceId() == null && template.tag() == null) {
            throw new IllegalArgumentException("find-or-create needs a resourceId or a tag to find the line item again");
        }
        List<LineItem> existing = find(endpoint, lineItems, template.resourceId(), template.tag());
        return existing.isEmpty() ? create(endpoint, lineItems, template) : existing.get(0);
    }

    /** Any 2xx: platforms differ on the status of a creation (200 or 201). */
    private static JsonValue expect(HttpResponse<String> response, URI uri) throws AgsException {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String answer = "HTTP " + status + " from " + uri + ": " + AgsException.excerpt(response.body());
            throw new AgsException(answer, AgsException.retryableStatus(status), status, null);
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new AgsException(uri + " answered HTTP " + status + " with malformed JSON: "
                    + AgsException.excerpt(response.body()), false, status, e);
        }
    }

    private static Optional<URI> next(HttpResponse<String> response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return Optional.of(URI.create(m.group(1)));
            }
        }
        return Optional.empty();
    }
}
