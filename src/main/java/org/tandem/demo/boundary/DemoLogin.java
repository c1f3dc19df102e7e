package org.tandem.demo.boundary;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.net.URI;
import java.util.Optional;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.QueryString;
import org.tandem.lti.ToolUrls;

/**
 * How the demo platform starts every launch, as an LMS does: a third-party initiated login at
 * Tandem (LTI Core §4.1). Like Moodle's, its {@code lti_message_hint} is a JSON object (braces,
 * quotes, a URL inside), which Tandem must hand back to the authorization endpoint unchanged.
 */
final class DemoLogin {

    /** Moodle names a deep-linking launch {@code ltilaunch_ContentItemSelectionRequest…}; so does the demo. */
    static final String DEEP_LINKING = "ltilaunch_ContentItemSelectionRequest";

    private DemoLogin() {
    }

    /** What the demo's message hint carries: the link to launch (or deep linking) and the course page to return to. */
    record Hint(String launchId, Optional<String> link, String returnUrl) {

        static Hint resourceLink(String linkId, String returnUrl) {
            return new Hint("ltilaunch_" + linkId, Optional.of(linkId), returnUrl);
        }

        static Hint deepLinking(String returnUrl) {
            return new Hint(DEEP_LINKING, Optional.empty(), returnUrl);
        }

        boolean deepLinking() {
            return DEEP_LINKING.equals(launchId);
        }

        /** {"cmid":…,"launchid":…,"return":…}, in Moodle's shape. */
        String toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder();
            link.ifPresent(l -> json.add("cmid", l));
            return json.add("launchid", launchId).add("return", returnUrl).build().toString();
        }

        /** The hint as the authorization endpoint got it back; empty when it is not one the demo sent. */
        static Optional<Hint> parse(String json) {
            if (json == null || json.isBlank()) {
                return Optional.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                JsonObject o = reader.readObject();
                String launchId = o.getString("launchid", null);
                if (launchId == null) {
                    return Optional.empty();
                }
                return Optional.of(new Hint(launchId, Optional.ofNullable(o.getString("cmid", null)),
                        o.getString("return", "")));
            } catch (JsonException | ClassCastException | IllegalStateException e) {
                return Optional.empty();
            }
        }
    }

    static Response start(ToolUrls urls, UriInfo uriInfo, URI base, DemoPerson person, String targetLinkUri, Hint hint) {
        URI login = QueryString.on(urls.login(uriInfo))
                .add("iss", DemoPlatform.issuer(base))
                .add("login_hint", person.hint())
                .add("target_link_uri", targetLinkUri)
                .add("lti_message_hint", hint.toJson())
                .add("client_id", DemoPlatform.CLIENT_ID)
                .add("lti_deployment_id", DemoPlatform.DEPLOYMENT_ID)
                // the course page answers LTI platform storage messages (assets/demo-platform-storage.js)
                .add("lti_storage_target", "_parent")
                .toUri();
        return Response.status(Response.Status.FOUND).location(login).header("Cache-Control", "no-store").build();
    }

    /** The course page the person launched from; only this demo's own pages on this machine qualify. */
    static String safeReturn(URI base, String returnUrl) {
        try {
            URI r = URI.create(returnUrl == null ? "" : returnUrl);
            if (("http".equals(r.getScheme()) || "https".equals(r.getScheme())) && r.getHost() != null
                    && (r.getHost().equalsIgnoreCase(base.getHost()) || DemoPlatform.loopback(r.getHost()))
                    && "/demo".equals(r.getPath())) {
                return r.toString();
            }
        } catch (IllegalArgumentException e) {
            // fall through to the default
        }
        return base.resolve("demo").toString();
    }
}
