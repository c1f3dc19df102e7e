package org.tandem.demo.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.ToolUrls;

/**
 * How the demo platform starts every launch, as an LMS does: a third-party initiated login at
 * Tandem (LTI Core §4.1), the message hint telling its own authorization endpoint what to sign.
 */
final class DemoLogin {

    /** The message hint of a deep-linking request; resource link launches name the link instead. */
    static final String DEEP_LINKING = "deep-linking";

    private DemoLogin() {
    }

    static Response start(ToolUrls urls, UriInfo uriInfo, URI base, DemoPerson person, String targetLinkUri,
                          String messageHint) {
        URI login = UriBuilder.fromUri(urls.login(uriInfo))
                .queryParam("iss", DemoPlatform.issuer(base))
                .queryParam("login_hint", person.hint())
                .queryParam("target_link_uri", targetLinkUri)
                .queryParam("lti_message_hint", messageHint)
                .queryParam("client_id", DemoPlatform.CLIENT_ID)
                .queryParam("lti_deployment_id", DemoPlatform.DEPLOYMENT_ID)
                // the course page answers LTI platform storage messages (assets/demo-platform-storage.js)
                .queryParam("lti_storage_target", "_parent")
                .build();
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
