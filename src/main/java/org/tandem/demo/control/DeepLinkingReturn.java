package org.tandem.demo.control;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.demo.control.ToolMessageRefused.Check;
import org.tandem.lti.LtiClaims;

/**
 * A deep-linking response as the demo platform must verify it (Deep Linking 2.0, "Deep Linking
 * Response Message", with the Security Framework's rules for tool-originating messages): signed
 * RS256 by a key Tandem publishes, iss = the demo's client id, aud = the demo issuer, fresh,
 * with a nonce, message_type LtiDeepLinkingResponse, version 1.3.0, the demo's deployment_id,
 * and content items the request accepted. Pure: the nonce's single use and the data value are
 * checked against what the platform stored by {@link DemoDeepLinks}.
 */
public final class DeepLinkingReturn {

    // spelled out here rather than taken from Tandem's DeepLinkingResponse: a typo there must fail here
    static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    static final String CONTENT_ITEMS = DL + "content_items";
    static final String DATA = DL + "data";
    static final String MESSAGE_TYPE = "LtiDeepLinkingResponse";
    static final String RESOURCE_LINK = "ltiResourceLink";
    /** Tandem's responses live five minutes; a little more absorbs a slow page. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
    static final Duration SKEW = Duration.ofSeconds(30);
    /** More than any programme; a response with more is not a trainer's choice. */
    static final int MAX_ITEMS = 50;
    static final int MAX_TITLE = 255;
    static final int MAX_TEXT = 2000;
    static final int MAX_URL = 2000;
    static final int MAX_CUSTOM_JSON = 4000;

    /** What the platform expects of a response to its own request. */
    public record Expected(String issuer, String clientId, String deploymentId, String toolOrigin) {
    }

    /** A gradebook column the item asks for. */
    public record LineItemRequest(double scoreMaximum, String label, Optional<String> resourceId, Optional<String> tag) {
    }

    /** One ltiResourceLink content item, checked. */
    public record Item(String title, Optional<String> text, Optional<String> url, Map<String, String> custom,
                       Optional<LineItemRequest> lineItem) {
    }

    /** A response whose signature and claims passed; nonce and data still to be matched. */
    public record Checked(String nonce, Instant expires, Optional<String> data, List<Item> items, Optional<String> msg,
                          Optional<String> log, Optional<String> errorMsg, Optional<String> errorLog) {
    }

    private DeepLinkingReturn() {
    }

    public static Checked verify(String jwt, Expected expected, JWKSet toolKeys, Instant now) throws ToolMessageRefused {
        ToolMessage message = ToolMessage.verify(jwt, toolKeys, "the deep-linking response")
                // the tool is the issuer of its response, the platform its audience (Security Framework §5.2)
                .issuer(expected.clientId())
                .audience(expected.issuer(), expected.clientId())
                .fresh(now, SKEW, MAX_LIFETIME);
        String nonce = message.required("nonce", Check.NONCE);
        message.equal(LtiClaims.MESSAGE_TYPE, MESSAGE_TYPE, Check.MESSAGE_TYPE)
                .equal(LtiClaims.VERSION, LtiClaims.LTI_VERSION, Check.VERSION)
                // the response must name the deployment the request came from
                .equal(LtiClaims.DEPLOYMENT_ID, expected.deploymentId(), Check.DEPLOYMENT);
        Optional<String> data = message.optional(DATA, Check.DATA);
        List<Item> items = items(message.claim(CONTENT_ITEMS), expected.toolOrigin());
        return new Checked(nonce, message.expires(), data, items, message.optional(DL + "msg", Check.FORMAT),
                message.optional(DL + "log", Check.FORMAT), message.optional(DL + "errormsg", Check.FORMAT),
                message.optional(DL + "errorlog", Check.FORMAT));
    }

    private static List<Item> items(Object claim, String toolOrigin) throws ToolMessageRefused {
        if (claim == null) {
            return List.of(); // no items: the trainer chose nothing
        }
        if (!(claim instanceof Collection<?> all)) {
            throw refused("content_items must be an array");
        }
        if (all.size() > MAX_ITEMS) {
            throw refused("content_items has " + all.size() + " items; at most " + MAX_ITEMS + " are accepted");
        }
        List<Item> items = new ArrayList<>();
        int n = 0;
        for (Object element : all) {
            n++;
            Map<String, Object> item = ToolMessage.object(element);
            if (item == null) {
                throw refused("content item " + n + " is not a JSON object");
            }
            Object type = item.get("type");
            // Deep Linking 2.0: only types listed in the request's accept_types may come back
            if (!RESOURCE_LINK.equals(type)) {
                throw refused("content item " + n + " has type '" + type + "'; this course accepts " + RESOURCE_LINK + " only");
            }
            String title = text(item, "title", n, MAX_TITLE).orElse("Tandem activity");
            items.add(new Item(title, text(item, "text", n, MAX_TEXT), url(item, n, toolOrigin), custom(item, n),
                    lineItem(item, n, title)));
        }
        return List.copyOf(items);
    }

    private static Optional<String> url(Map<String, Object> item, int n, String toolOrigin) throws ToolMessageRefused {
        Optional<String> url = text(item, "url", n, MAX_URL);
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = URI.create(url.get());
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || !origin.equalsIgnoreCase(toolOrigin)) {
                throw refused("content item " + n + " links to " + url.get() + ", which is not on the tool's site " + toolOrigin);
            }
        } catch (IllegalArgumentException e) {
            throw refused("content item " + n + " has a url that is not a URL: " + url.get());
        }
        return url;
    }

    private static Map<String, String> custom(Map<String, Object> item, int n) throws ToolMessageRefused {
        Object value = item.get("custom");
        if (value == null) {
            return Map.of();
        }
        Map<String, Object> custom = ToolMessage.object(value);
        if (custom == null) {
            throw refused("content item " + n + " has custom parameters that are not a JSON object");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        int length = 2;
        for (Map.Entry<String, Object> e : custom.entrySet()) {
            // LTI Core 1.3, custom properties: string values only
            if (e.getKey().isBlank() || !(e.getValue() instanceof String s)) {
                throw refused("content item " + n + " has custom parameter '" + e.getKey() + "' whose value is not a string");
            }
            strings.put(e.getKey(), s);
            length += e.getKey().length() + s.length() + 6;
        }
        if (length > MAX_CUSTOM_JSON) {
            throw refused("content item " + n + " has more custom parameters than this course keeps (" + MAX_CUSTOM_JSON
                    + " characters)");
        }
        return strings;
    }

    private static Optional<LineItemRequest> lineItem(Map<String, Object> item, int n, String title) throws ToolMessageRefused {
        Object value = item.get("lineItem");
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> lineItem = ToolMessage.object(value);
        if (lineItem == null) {
            throw refused("content item " + n + " has a lineItem that is not a JSON object");
        }
        // Deep Linking 2.0, lineItem: scoreMaximum is required and positive
        if (!(lineItem.get("scoreMaximum") instanceof Number max) || !(max.doubleValue() > 0)
                || Double.isInfinite(max.doubleValue())) {
            throw refused("content item " + n + " has a lineItem without a scoreMaximum greater than 0");
        }
        Map<String, Object> fields = lineItem;
        return Optional.of(new LineItemRequest(max.doubleValue(), text(fields, "label", n, MAX_TITLE).orElse(title),
                text(fields, "resourceId", n, MAX_TITLE), text(fields, "tag", n, MAX_TITLE)));
    }

    private static Optional<String> text(Map<String, Object> item, String name, int n, int max) throws ToolMessageRefused {
        Object value = item.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw refused("content item " + n + " has a " + name + " that is not a string");
        }
        if (s.length() > max) {
            throw refused("content item " + n + " has a " + name + " longer than " + max + " characters");
        }
        return Optional.of(s).filter(v -> !v.isBlank());
    }

    private static ToolMessageRefused refused(String message) {
        return new ToolMessageRefused(Check.CONTENT_ITEMS, message);
    }
}
