package org.tandem.lti.registration.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.control.DynamicRegistration;
import org.tandem.lti.web.Page;

/**
 * What an administrator pastes into an LMS to register Tandem by hand, with this instance's own
 * URLs filled in: a Canvas developer-key configuration and a sheet of every value.
 */
@Path("lti/config")
@RequestScoped
public class ToolConfigurationResource {

    static final String REGISTRATION_SHEET = "lti/config/registration";

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    /**
     * A Canvas LTI 1.3 developer key, "Enter URL" or "Paste JSON". Deep linking from the module
     * and assignment pickers creates activities; the course menu entry (teachers and admins
     * only) opens Tandem's trainer views.
     */
    @GET
    @Path("canvas.json")
    public Response canvas() {
        String launch = urls.launch(uriInfo).toString();
        URI base = urls.base(uriInfo);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        DynamicRegistration.SCOPES.forEach(scopes::add);
        JsonArrayBuilder placements = Json.createArrayBuilder()
                .add(placement("link_selection", "LtiDeepLinkingRequest", launch, "Tandem activity"))
                .add(placement("assignment_selection", "LtiDeepLinkingRequest", launch, "Tandem activity"))
                .add(placement("course_navigation", "LtiResourceLinkRequest", launch, DynamicRegistration.CLIENT_NAME)
                        .add("default", "enabled")
                        .add("visibility", "admins"));
        String json = Json.createObjectBuilder()
                .add("title", DynamicRegistration.CLIENT_NAME)
                .add("description", DynamicRegistration.DESCRIPTION)
                .add("oidc_initiation_url", urls.login(uriInfo).toString())
                .add("target_link_uri", launch)
                .add("public_jwk_url", urls.jwks(uriInfo).toString())
                .add("scopes", scopes)
                .add("extensions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("platform", "canvas.instructure.com")
                        .add("domain", DynamicRegistration.domain(base))
                        .add("tool_id", "tandem")
                        // names and e-mail are needed for pairing; Canvas sends them only at "public"
                        .add("privacy_level", "public")
                        .add("settings", Json.createObjectBuilder()
                                .add("text", DynamicRegistration.CLIENT_NAME)
                                .add("placements", placements))))
                .build().toString();
        // built from the request when TANDEM_BASE_URL is not set, so it must not be cached across hosts
        // JSON whatever the Accept header says: a configuration fetcher should never get a 406
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-cache").build();
    }

    private static JsonObjectBuilder placement(String placement, String messageType, String launch, String text) {
        return Json.createObjectBuilder()
                .add("placement", placement)
                .add("message_type", messageType)
                .add("target_link_uri", launch)
                .add("text", text);
    }

    /** Every value an administrator enters in an LMS, for manual registration. */
    @GET
    @Path("registration")
    @Produces(MediaType.TEXT_HTML)
    public Response registrationSheet() {
        URI base = urls.base(uriInfo);
        String launch = urls.launch(uriInfo).toString();
        Page page = Page.titled("Register Tandem in your LMS")
                .heading("Register Tandem in your learning platform")
                .paragraph("The quickest way is LTI Dynamic Registration: give the LMS the dynamic registration URL "
                        + "below and it registers Tandem by itself (Moodle 4.1 or later, Canvas). To register by hand, "
                        + "enter these values.");
        if (!urls.configured()) {
            page.html("<p class=\"panel\" role=\"note\"><strong>These addresses come from the URL you used to open this page.</strong> "
                    + "A production Tandem must set <code>TANDEM_BASE_URL</code> to its public https address, "
                    + "or the LMS will be given addresses it cannot reach.</p>");
        }
        page.html("<table><caption class=\"muted\">LTI 1.3 tool values</caption>"
                + "<thead><tr><th scope=\"col\">Setting</th><th scope=\"col\">Value</th><th scope=\"col\">Where it goes</th></tr></thead><tbody>"
                + row("Dynamic registration URL", urls.register(uriInfo).toString(),
                "Moodle: Manage tools › Tool URL › Add LTI Advantage. Canvas: Developer Keys › + LTI Registration.")
                + row("Tool URL (target link URI)", launch, "Moodle: Tool URL. Canvas: Target Link URI.")
                + row("Initiate login URL", urls.login(uriInfo).toString(), "Moodle: Initiate login URL. Canvas: OpenID Connect Initiation URL.")
                + row("Redirection URI", launch, "Moodle: Redirection URI(s). Canvas: Redirect URIs.")
                + row("Public keyset (JWKS) URL", urls.jwks(uriInfo).toString(),
                "Moodle: Public key type Keyset URL, Public keyset. Canvas: Public JWK URL.")
                + row("Tool domain", DynamicRegistration.domain(base), "Moodle: Tool domain (optional). Canvas: Domain.")
                + row("Canvas configuration (JSON URL)", base.resolve(ToolUrls.CANVAS_CONFIG).toString(),
                "Canvas: Developer Keys › + LTI Key › Method Enter URL.")
                + row("LTI version", "LTI 1.3", "Moodle: LTI version.")
                + row("Services", String.join(" ", DynamicRegistration.SCOPES),
                "Moodle: IMS LTI Assignment and Grade Services (use this service for grade sync and column management), "
                        + "Names and Role Provisioning, Deep Linking (Content-Item message) on. Canvas: LTI Advantage Services.")
                + row("Privacy", "Share name and e-mail", "Moodle: Share launcher's name and e-mail: Always. Canvas: privacy level Public.")
                + "</tbody></table>");
        page.html("<h2>Then, in Tandem</h2>")
                .paragraph("A manual registration also needs the platform's values in Tandem: its issuer, the client ID "
                        + "the LMS gave Tandem, its authentication URL, access token URL, keyset URL and the deployment ID. "
                        + "An administrator enters them on Tandem's admin page. Dynamic registration does this step by itself.");
        return page.response(200);
    }

    private static String row(String setting, String value, String where) {
        return "<tr><th scope=\"row\">" + Page.text(setting) + "</th><td><code>" + Page.text(value) + "</code></td><td>"
                + Page.text(where) + "</td></tr>";
    }
}
