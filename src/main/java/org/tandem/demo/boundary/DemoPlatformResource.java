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
import org.tandem.catalogue.control.Catalogue;
import org.tandem.demo.control.DemoCourse;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoLink;
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

    @Inject
    Catalogue catalogue;

    static final String DEMO_PACK = "starter";

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response course(@QueryParam("as") String as, @QueryParam("tool_host") String toolHost) {
        if (!demo.enabled()) {
            return off();
        }
        URI base = urls.base(uriInfo);
        URI toolBase;
        try {
            toolBase = toolBase(base, toolHost);
            demo.ensureRegistered(toolBase);
        } catch (IllegalStateException e) {
            return Page.titled("Demo platform").heading("Demo platform unavailable").paragraph(e.getMessage()).response(400);
        }
        DemoPerson chosen = DemoPerson.byHint(as).orElse(DemoPerson.MANAGER);
        String returnUrl = base.resolve("demo").toString();
        StringBuilder cards = new StringBuilder("<ul class=\"cards\" aria-label=\"Launch Tandem as\">");
        for (DemoPerson person : DemoPerson.values()) {
            URI launch = launchUri(toolBase, person, DemoCourse.HOME, returnUrl);
            cards.append("<li class=\"card\"><h3>").append(Page.text(person.displayName())).append("</h3><p class=\"muted\">")
                    .append(Page.text(person.description())).append("</p><p><a class=\"button\" id=\"launch-")
                    .append(Page.attr(person.hint())).append("\" href=\"").append(Page.attr(launch)).append("\" target=\"")
                    .append(FRAME).append("\">Launch as ").append(Page.text(person.givenName())).append("</a></p><p>")
                    .append("<a href=\"").append(Page.attr(launch)).append("\" target=\"_blank\">In a new window</a> · ")
                    .append("<a href=\"").append(Page.attr(UriBuilder.fromUri(base).path("demo").queryParam("as", person.hint())
                            .queryParam("tool_host", toolHost == null ? "" : toolHost).build()))
                    .append("#activities\">Course links as ").append(Page.text(person.givenName())).append("</a></p></li>");
        }
        cards.append("</ul>");
        StringBuilder links = new StringBuilder("<ol class=\"activities\">");
        for (DemoLink link : DemoCourse.links(catalogue.latest(DEMO_PACK))) {
            links.append("<li><a id=\"link-").append(Page.attr(link.id())).append("\" href=\"")
                    .append(Page.attr(launchUri(toolBase, chosen, link.id(), returnUrl))).append("\" target=\"").append(FRAME)
                    .append("\">").append(Page.text(link.title())).append("</a> <span class=\"muted\">(").append(Page.text(link.kind()))
                    .append(")</span></li>");
        }
        links.append("</ol>");
        return Page.titled("Demo course")
                .html("<p class=\"muted\">Tandem demo platform – a stand-in for Moodle or Canvas</p>")
                .heading(DemoPlatform.COURSE_TITLE)
                .paragraph("Choose who you are. Each link starts a real LTI 1.3 launch: Tandem's login initiation, this "
                        + "demo platform's authorization endpoint, a signed id_token, and every check a Moodle or Canvas launch gets.")
                .html(cards.toString())
                .html("<h2 id=\"activities\">Course links, opened as " + Page.text(chosen.displayName()) + "</h2>")
                .html(links.toString())
                .html("<h2>Tandem</h2>")
                .html("<iframe name=\"" + FRAME + "\" id=\"" + FRAME + "\" title=\"Tandem activity\" src=\"about:blank\" "
                        + "class=\"tool-frame\"></iframe>")
                .script("/assets/demo-platform-storage.js")
                .response(200);
    }

    /**
     * Where the course page sends its links: this host, or another loopback name (tool_host) so
     * that Tandem runs in a frame of another site, as it does inside a real LMS.
     */
    private URI toolBase(URI base, String toolHost) {
        if (toolHost == null || toolHost.isBlank()) {
            return base;
        }
        if (!DemoPlatform.loopback(toolHost)) {
            throw new IllegalStateException("tool_host may only name this machine (localhost or 127.0.0.1)");
        }
        return UriBuilder.fromUri(base).host(toolHost).build();
    }

    private static URI launchUri(URI toolBase, DemoPerson person, String linkId, String returnUrl) {
        return UriBuilder.fromUri(toolBase).path("demo/launch").queryParam("as", person.hint()).queryParam("link", linkId)
                .queryParam("return", returnUrl).build();
    }

    /** Starts a launch the way an LMS does: a third-party initiated login at Tandem. */
    @GET
    @Path("launch")
    @Transactional
    public Response launch(@QueryParam("as") String as, @QueryParam("link") String linkId, @QueryParam("return") String returnUrl) {
        if (!demo.enabled()) {
            return off();
        }
        Optional<DemoPerson> person = DemoPerson.byHint(as);
        String link = linkId == null || linkId.isBlank() ? DemoCourse.HOME : linkId;
        if (person.isEmpty() || DemoCourse.link(catalogue.latest(DEMO_PACK), link).isEmpty()) {
            return Page.titled("Demo platform").heading("Unknown demo person or link")
                    .paragraph("Choose one of the people and links on the demo course page.").response(400);
        }
        URI base = urls.base(uriInfo);
        demo.ensureRegistered(base);
        URI login = UriBuilder.fromUri(urls.login(uriInfo))
                .queryParam("iss", DemoPlatform.issuer(base))
                .queryParam("login_hint", person.get().hint())
                .queryParam("target_link_uri", urls.launch(uriInfo))
                .queryParam("lti_message_hint", link + " " + safeReturn(base, returnUrl))
                .queryParam("client_id", DemoPlatform.CLIENT_ID)
                .queryParam("lti_deployment_id", DemoPlatform.DEPLOYMENT_ID)
                // the course page answers LTI platform storage messages (assets/demo-platform-storage.js)
                .queryParam("lti_storage_target", "_parent")
                .build();
        return Response.status(Response.Status.FOUND).location(login).header("Cache-Control", "no-store").build();
    }

    /** The course page the person launched from; only this demo's own pages on this machine qualify. */
    private static String safeReturn(URI base, String returnUrl) {
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

    /** The OIDC authorization endpoint: checks the request and posts a signed id_token back. */
    @GET
    @Path("auth")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response authorize(@QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
                              @QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("login_hint") String loginHint, @QueryParam("state") String state,
                              @QueryParam("nonce") String nonce, @QueryParam("response_mode") String responseMode,
                              @QueryParam("lti_message_hint") String messageHint) {
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
        String[] hint = (messageHint == null ? "" : messageHint).split(" ", 2);
        Optional<DemoLink> link = DemoCourse.link(catalogue.latest(DEMO_PACK), hint[0].isBlank() ? DemoCourse.HOME : hint[0]);
        if (link.isEmpty()) {
            return Page.titled("Demo platform").heading("The demo platform refused this login")
                    .paragraph("lti_message_hint names no link of the demo course.").response(400);
        }
        String idToken = demo.idToken(base, person.get(), nonce, registeredRedirect, link.get(),
                safeReturn(base, hint.length > 1 ? hint[1] : null));
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
