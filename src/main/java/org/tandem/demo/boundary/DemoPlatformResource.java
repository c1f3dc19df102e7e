package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
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
import org.tandem.demo.control.DemoCohort;
import org.tandem.demo.control.DemoCourse;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.web.Page;

/**
 * The demo platform's endpoints: its course page with "launch as" choices and a form that
 * generates a demo cohort for the evaluation, the OIDC authorization endpoint Tandem's login
 * redirects to, and its JWKS.
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

    @Inject
    DemoCohort cohort;

    static final String DEMO_PACK = "starter";

    /** The course page's cohort form: enough learners for every figure, few enough to generate at once. */
    static final int COHORT_DEFAULT = 20;
    static final int COHORT_FORM_MAX = 1000;

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response course(@QueryParam("as") String as, @QueryParam("tool_host") String toolHost,
                           @QueryParam("cohort") String cohortNotice) {
        if (!demo.enabled()) {
            return off();
        }
        URI base = urls.base(uriInfo);
        URI toolBase;
        Platform platform;
        try {
            toolBase = toolBase(base, toolHost);
            platform = demo.ensureRegistered(toolBase);
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
                .html(cohortSection(platform, toolHost, "generated".equals(cohortNotice)))
                .html("<h2>Tandem</h2>")
                .html("<iframe name=\"" + FRAME + "\" id=\"" + FRAME + "\" title=\"Tandem activity\" src=\"about:blank\" "
                        + "class=\"tool-frame\"></iframe>")
                .script("/assets/demo-platform-storage.js")
                .response(200);
    }

    /**
     * The cohort section of the course page: what the demo cohort holds now and the form that
     * replaces it. Counts come from the database, never from the address, so the page cannot be
     * made to claim a cohort that is not there.
     */
    private String cohortSection(Platform platform, String toolHost, boolean justGenerated) {
        DemoCohort.Current current = cohort.current(platform);
        long managers = current.learners(ProfessionalGroup.MANAGER);
        long clinicians = current.learners(ProfessionalGroup.CLINICIAN);
        StringBuilder html = new StringBuilder("<h2 id=\"cohort\">Demo cohort for the evaluation</h2>");
        String holds = current.empty() ? "There is no demo cohort yet."
                : "The demo cohort has " + managers + " managers and " + clinicians + " clinicians, with "
                        + current.assessments(Phase.PRE) + " assessments submitted before the programme and "
                        + current.assessments(Phase.POST) + " after it.";
        if (justGenerated) {
            html.append("<div class=\"notice\" role=\"status\" id=\"cohort-status\"><p>Generated ").append(managers)
                    .append(" managers and ").append(clinicians).append(" clinicians with ")
                    .append(current.assessments(Phase.PRE)).append(" before-the-programme and ")
                    .append(current.assessments(Phase.POST)).append(" after-the-programme assessments.</p>")
                    .append("<p>Jordan Lee (evaluator) can now open the evaluation: use <a href=\"#launch-evaluator\">Launch as ")
                    .append("Jordan</a> above, then <em>Open the programme evaluation</em>.</p></div>");
        } else {
            html.append("<p id=\"cohort-status\">").append(Page.text(holds)).append("</p>");
        }
        html.append("<p class=\"muted\">Simulated managers and clinicians who took the relationship assessment before and ")
                .append("after the programme: about 90 % consent to evaluation, about 5 % answered only before and 5 % only ")
                .append("after. Generating replaces the previous demo cohort; the same sizes give the same answers.</p>")
                .append("<form method=\"post\" action=\"/demo/cohort\" id=\"cohort-form\">")
                .append("<input type=\"hidden\" name=\"form_token\" value=\"").append(Page.attr(demo.formToken())).append("\">")
                .append(number("cohort-managers", "managers", "Managers"))
                .append(number("cohort-clinicians", "clinicians", "Clinicians"))
                .append("<input type=\"hidden\" name=\"tool_host\" value=\"").append(Page.attr(toolHost == null ? "" : toolHost))
                .append("\"><p><button type=\"submit\">Generate a demo cohort</button></p></form>");
        return html.toString();
    }

    private static String number(String id, String name, String label) {
        return "<label for=\"" + id + "\">" + label + " (0 to " + COHORT_FORM_MAX + ")</label><input type=\"number\" id=\""
                + id + "\" name=\"" + name + "\" value=\"" + COHORT_DEFAULT + "\" min=\"0\" max=\"" + COHORT_FORM_MAX
                + "\" required>";
    }

    /**
     * Generates the demo cohort from the course page's form, then shows the page again. A write
     * from a page anyone on this machine can open, so the form must come from this host (the
     * browser's Origin header) and the demo must be on.
     */
    @POST
    @Path("cohort")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response generateCohort(@HeaderParam("Origin") String origin, @FormParam("managers") String managers,
                                   @FormParam("clinicians") String clinicians, @FormParam("tool_host") String toolHost,
                                   @FormParam("form_token") String formToken) {
        if (!demo.enabled()) {
            return off();
        }
        URI base = urls.base(uriInfo);
        String ours = base.getScheme() + "://" + base.getAuthority();
        boolean sameOrigin = origin == null || origin.equals("null") || origin.equalsIgnoreCase(ours);
        if (!sameOrigin || formToken == null || !java.security.MessageDigest.isEqual(
                demo.formToken().getBytes(java.nio.charset.StandardCharsets.UTF_8), formToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            LOG.warning(() -> "demo cohort form refused: origin " + origin + " (this host is " + ours + ") or a missing form token");
            return Page.titled("Demo platform").heading("Form refused")
                    .paragraph("This form did not come from the demo course page on this host. Nothing was changed.")
                    .html("<p><a href=\"/demo\">Back to the demo course</a></p>").response(403);
        }
        int managerCount = size(managers);
        int clinicianCount = size(clinicians);
        if (managerCount < 0 || clinicianCount < 0) {
            return Page.titled("Demo platform").heading("Cohort not generated")
                    .paragraph("Give the number of managers and of clinicians, each from 0 to " + COHORT_FORM_MAX + ".")
                    .html("<p><a href=\"/demo#cohort\">Back to the demo course</a></p>").response(400);
        }
        Platform platform;
        try {
            platform = demo.ensureRegistered(toolBase(base, toolHost));
        } catch (IllegalStateException e) {
            return Page.titled("Demo platform").heading("Demo platform unavailable").paragraph(e.getMessage()).response(400);
        }
        DemoCohort.Generated generated;
        try {
            generated = cohort.generate(platform, managerCount, clinicianCount);
        } catch (IllegalStateException e) {
            // thrown, not returned: the transaction must roll back
            throw new WebApplicationException(Page.titled("Demo platform").heading("Cohort not generated")
                    .paragraph(e.getMessage()).response(409));
        }
        LOG.info(() -> "demo cohort generated from the course page: " + generated.managers() + " managers, "
                + generated.clinicians() + " clinicians in " + generated.took().toMillis() + " ms");
        URI back = UriBuilder.fromUri(base).path("demo").queryParam("as", "evaluator")
                .queryParam("tool_host", toolHost == null ? "" : toolHost).queryParam("cohort", "generated")
                .fragment("cohort").build();
        return Response.seeOther(back).header("Cache-Control", "no-store").build();
    }

    /** A size from the form, or −1 when it is not a whole number from 0 to the form's maximum. */
    private static int size(String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            return n >= 0 && n <= COHORT_FORM_MAX ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
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
