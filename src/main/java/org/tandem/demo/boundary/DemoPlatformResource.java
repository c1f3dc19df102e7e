package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.web.Page;

/**
 * The demo platform's endpoints: its course page with "launch as" choices, the OIDC
 * authorization endpoint Tandem's login redirects to, and its JWKS.
 */
@Path("demo")
@RequestScoped
public class DemoPlatformResource {

    private static final Logger LOG = Logger.getLogger(DemoPlatformResource.class.getName());
    static final String FRAME = "tandem-frame";

    @Inject
    DemoPlatform demo;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response course() {
        if (!demo.enabled()) {
            return off();
        }
        URI base = urls.base(uriInfo);
        try {
            demo.ensureRegistered(base);
        } catch (IllegalStateException e) {
            return Page.titled("Demo platform").heading("Demo platform unavailable").paragraph(e.getMessage()).response(400);
        }
        StringBuilder cards = new StringBuilder("<ul class=\"cards\" aria-label=\"Launch Tandem as\">");
        for (DemoPerson person : DemoPerson.values()) {
            URI launch = UriBuilder.fromUri(base).path("demo/launch").queryParam("as", person.hint()).build();
            cards.append("<li class=\"card\"><h3>").append(Page.text(person.displayName())).append("</h3><p class=\"muted\">")
                    .append(Page.text(person.description())).append("</p><p><a class=\"button\" id=\"launch-")
                    .append(Page.attr(person.hint())).append("\" href=\"").append(Page.attr(launch)).append("\" target=\"")
                    .append(FRAME).append("\">Launch as ").append(Page.text(person.givenName())).append("</a> ")
                    .append("<a href=\"").append(Page.attr(launch)).append("\" target=\"_blank\">in a new window</a></p></li>");
        }
        cards.append("</ul>");
        return Page.titled("Demo course")
                .html("<p class=\"muted\">Tandem demo platform – a stand-in for Moodle or Canvas</p>")
                .heading(DemoPlatform.COURSE_TITLE)
                .paragraph("Choose who you are. Each button starts a real LTI 1.3 launch: Tandem's login initiation, this "
                        + "demo platform's authorization endpoint, a signed id_token, and every check a Moodle or Canvas launch gets.")
                .html(cards.toString())
                .html("<h2>" + Page.text(DemoPlatform.LINK_TITLE) + "</h2>")
                .html("<iframe name=\"" + FRAME + "\" id=\"" + FRAME + "\" title=\"Tandem activity\" src=\"about:blank\" "
                        + "class=\"tool-frame\"></iframe>")
                .script("/assets/demo-platform-storage.js")
                .response(200);
    }

    /** Starts a launch the way an LMS does: a third-party initiated login at Tandem. */
    @GET
    @Path("launch")
    @Transactional
    public Response launch(@QueryParam("as") String as) {
        if (!demo.enabled()) {
            return off();
        }
        Optional<DemoPerson> person = DemoPerson.byHint(as);
        if (person.isEmpty()) {
            return Page.titled("Demo platform").heading("Unknown demo person")
                    .paragraph("Choose one of the people on the demo course page.").response(400);
        }
        URI base = urls.base(uriInfo);
        demo.ensureRegistered(base);
        URI login = UriBuilder.fromUri(urls.login(uriInfo))
                .queryParam("iss", DemoPlatform.issuer(base))
                .queryParam("login_hint", person.get().hint())
                .queryParam("target_link_uri", urls.launch(uriInfo))
                .queryParam("lti_message_hint", DemoPlatform.LINK_ID)
                .queryParam("client_id", DemoPlatform.CLIENT_ID)
                .queryParam("lti_deployment_id", DemoPlatform.DEPLOYMENT_ID)
                // the course page answers LTI platform storage messages (assets/demo-platform-storage.js)
                .queryParam("lti_storage_target", "_parent")
                .build();
        return Response.status(Response.Status.FOUND).location(login).header("Cache-Control", "no-store").build();
    }

    /** The OIDC authorization endpoint: checks the request and posts a signed id_token back. */
    @GET
    @Path("auth")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response authorize(@QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
                              @QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("login_hint") String loginHint, @QueryParam("state") String state,
                              @QueryParam("nonce") String nonce, @QueryParam("response_mode") String responseMode) {
        if (!demo.enabled()) {
            return off();
        }
        URI base = urls.base(uriInfo);
        String registeredRedirect = urls.launch(uriInfo).toString();
        List<String> problems = new ArrayList<>();
        if (!"id_token".equals(responseType)) {
            problems.add("response_type must be id_token");
        }
        if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
            problems.add("scope must include openid");
        }
        if (!DemoPlatform.CLIENT_ID.equals(clientId)) {
            problems.add("client_id must be " + DemoPlatform.CLIENT_ID);
        }
        if (!registeredRedirect.equals(redirectUri)) {
            problems.add("redirect_uri must be the registered " + registeredRedirect);
        }
        if (!"form_post".equals(responseMode)) {
            problems.add("response_mode must be form_post");
        }
        if (nonce == null || nonce.isBlank() || state == null || state.isBlank()) {
            problems.add("state and nonce are required");
        }
        Optional<DemoPerson> person = DemoPerson.byHint(loginHint);
        if (person.isEmpty()) {
            problems.add("login_hint names no demo person");
        }
        if (!problems.isEmpty()) {
            LOG.warning(() -> "demo platform refused an authorization request: " + problems);
            return Page.titled("Demo platform").heading("The demo platform refused this login")
                    .html("<ul>" + problems.stream().map(p -> "<li>" + Page.text(p) + "</li>").reduce("", String::concat) + "</ul>")
                    .response(400);
        }
        String idToken = demo.idToken(base, person.get(), nonce, registeredRedirect);
        return Page.titled("Signing in")
                .html("<form id=\"autopost\" method=\"post\" action=\"" + Page.attr(registeredRedirect) + "\">"
                        + "<input type=\"hidden\" name=\"id_token\" value=\"" + Page.attr(idToken) + "\">"
                        + "<input type=\"hidden\" name=\"state\" value=\"" + Page.attr(state) + "\">"
                        + "<p>Signing you in to Tandem…</p><noscript><button type=\"submit\">Continue</button></noscript></form>")
                .script("/assets/autopost.js")
                .response(200);
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response jwks() {
        if (!demo.enabled()) {
            return off();
        }
        return Response.ok(demo.publicKeys().toString(true)).header("Cache-Control", "max-age=300").build();
    }

    private static Response off() {
        return Page.titled("Demo platform").heading("The demo platform is off")
                .paragraph("Set TANDEM_DEMO_ENABLED=true to use it. It is on by default only with the embedded database.")
                .response(404);
    }
}
