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
import org.tandem.demo.control.DemoAvailability;
import org.tandem.demo.control.DemoCohort;
import org.tandem.demo.control.DemoCourse;
import org.tandem.demo.control.DemoCourseLinks;
import org.tandem.demo.control.DemoDeepLinks;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.lti.QueryString;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.web.Page;

/**
 * The demo platform's browser-facing endpoints: its course page with "launch as" choices, the
 * links a trainer placed and a form that generates a demo cohort for the evaluation, the start of
 * each launch, the OIDC authorization endpoint Tandem's login redirects to, and its JWKS. The
 * deep-linking return, the services and the gradebook have resources of their own.
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
    DemoCourseLinks links;

    @Inject
    DemoDeepLinks deepLinks;

    @Inject
    DemoAvailability availability;

    @Inject
    DemoCohort cohort;

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
            return DemoForms.off();
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
                    .append(FRAME).append("\">Launch as ").append(Page.text(person.givenName())).append("</a></p>");
            if (person.instructor()) {
                // as in an LMS, only the course's trainer may add activities (Deep Linking 2.0)
                cards.append("<p><a class=\"button\" id=\"add-activities\" href=\"")
                        .append(Page.attr(QueryString.on(toolBase.resolve("demo/deep-links")).add("as", person.hint())
                                .add("return", returnUrl).toUri()))
                        .append("\" target=\"").append(FRAME).append("\">Add Tandem activities to this course</a></p>");
            }
            cards.append("<p><a href=\"").append(Page.attr(launch)).append("\" target=\"_blank\">In a new window</a> · ")
                    .append("<a href=\"").append(Page.attr(QueryString.on(base.resolve("demo")).add("as", person.hint())
                            .add("tool_host", toolHost == null ? "" : toolHost).toUri()))
                    .append("#activities\">Course links as ").append(Page.text(person.givenName())).append("</a></p></li>");
        }
        cards.append("</ul>");
        StringBuilder fixed = new StringBuilder("<ol class=\"activities\">");
        for (DemoLink link : links.fixed()) {
            fixed.append(linkItem(toolBase, chosen, link, returnUrl, ""));
        }
        fixed.append("</ol>");
        List<DemoLink> placed = links.placed();
        StringBuilder added = new StringBuilder("<h3 id=\"placed\">Added by the trainer</h3>");
        if (placed.isEmpty()) {
            added.append("<p class=\"muted\" id=\"placed-none\">None yet. Sam Taylor (trainer) can use <a href=\"#add-activities\">")
                    .append("Add Tandem activities to this course</a>: Tandem opens its catalogue, and what Sam chooses comes back ")
                    .append("here as signed deep links, with gradebook columns.</p>");
        } else {
            added.append("<ol class=\"activities\" id=\"placed-links\">");
            for (DemoLink link : placed) {
                added.append(linkItem(toolBase, chosen, link, returnUrl, link.lineItemId().isPresent() ? ", graded" : ""));
            }
            added.append("</ol>");
        }
        boolean down = availability.unavailable();
        return Page.titled("Demo course")
                .html("<p class=\"muted\">Tandem demo platform – a stand-in for Moodle or Canvas</p>")
                .heading(DemoPlatform.COURSE_TITLE)
                .paragraph("Choose who you are. Each link starts a real LTI 1.3 launch: Tandem's login initiation, this "
                        + "demo platform's authorization endpoint, a signed id_token, and every check a Moodle or Canvas launch gets.")
                .html(cards.toString())
                .html("<h2 id=\"activities\">Course links, opened as " + Page.text(chosen.displayName()) + "</h2>")
                .html(fixed.toString())
                .html(added.toString())
                .html("<h2 id=\"grades\">Grades</h2><p>Scores Tandem sends arrive in the <a id=\"gradebook-link\" href=\"/demo/gradebook\">"
                        + "demo gradebook</a>" + (down ? " – <strong id=\"lms-down\">the LMS is unavailable now</strong>, so Tandem "
                        + "keeps them until it is back." : ".") + "</p>")
                .html(cohortSection(platform, toolHost, "generated".equals(cohortNotice)))
                .html("<h2>Tandem</h2>")
                .html("<iframe name=\"" + FRAME + "\" id=\"" + FRAME + "\" title=\"Tandem activity\" src=\"about:blank\" "
                        + "class=\"tool-frame\"></iframe>")
                .script("/assets/demo-platform-storage.js")
                .response(200);
    }

    private static String linkItem(URI toolBase, DemoPerson chosen, DemoLink link, String returnUrl, String note) {
        return "<li><a id=\"link-" + Page.attr(link.id()) + "\" href=\"" + Page.attr(launchUri(toolBase, chosen, link.id(), returnUrl))
                + "\" target=\"" + FRAME + "\">" + Page.text(link.title()) + "</a> <span class=\"muted\">(" + Page.text(link.kind())
                + Page.text(note) + ")</span>" + link.text().map(t -> "<br><span class=\"muted\">" + Page.text(t) + "</span>").orElse("")
                + "</li>";
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
                .append(DemoForms.tokenField(demo))
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
            return DemoForms.off();
        }
        URI base = urls.base(uriInfo);
        if (!DemoForms.fromDemoPage(demo, base, origin, formToken)) {
            LOG.warning(() -> "demo cohort form refused: origin " + origin + " (this host is " + base.getAuthority()
                    + ") or a missing form token");
            return DemoForms.refused("/demo");
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
        URI back = QueryString.on(base.resolve("demo#cohort")).add("as", "evaluator")
                .add("tool_host", toolHost == null ? "" : toolHost).add("cohort", "generated").toUri();
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
        return QueryString.on(toolBase.resolve("demo/launch")).add("as", person.hint()).add("link", linkId)
                .add("return", returnUrl).toUri();
    }

    /** Starts a launch the way an LMS does: a third-party initiated login at Tandem. */
    @GET
    @Path("launch")
    @Transactional
    public Response launch(@QueryParam("as") String as, @QueryParam("link") String linkId, @QueryParam("return") String returnUrl) {
        if (!demo.enabled()) {
            return DemoForms.off();
        }
        Optional<DemoPerson> person = DemoPerson.byHint(as);
        Optional<DemoLink> link = links.find(linkId == null || linkId.isBlank() ? DemoCourse.HOME : linkId);
        if (person.isEmpty() || link.isEmpty()) {
            return Page.titled("Demo platform").heading("Unknown demo person or link")
                    .paragraph("Choose one of the people and links on the demo course page.").response(400);
        }
        URI base = urls.base(uriInfo);
        demo.ensureRegistered(base);
        return DemoLogin.start(urls, uriInfo, base, person.get(), link.get().url().orElse(urls.launch(uriInfo).toString()),
                DemoLogin.Hint.resourceLink(link.get().id(), DemoLogin.safeReturn(base, returnUrl)));
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
            return DemoForms.off();
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
        // the hint must come back exactly as the demo sent it at login: JSON, as Moodle's
        Optional<DemoLogin.Hint> hint = DemoLogin.Hint.parse(messageHint);
        if (hint.isEmpty()) {
            LOG.warning(() -> "demo platform refused an authorization request: lti_message_hint " + messageHint
                    + " is not the JSON it sent at login");
            return Page.titled("Demo platform").heading("The demo platform refused this login")
                    .paragraph("lti_message_hint did not come back as the JSON object the demo platform sent with the "
                            + "login; a tool must return it unchanged.").response(400);
        }
        String courseReturn = DemoLogin.safeReturn(base, hint.get().returnUrl());
        String idToken;
        if (hint.get().deepLinking()) {
            if (!person.get().instructor()) {
                LOG.warning(() -> "demo platform refused a deep-linking request for " + loginHint + ", who is no trainer");
                return Page.titled("Demo platform").heading("Only a trainer can add activities")
                        .paragraph(person.get().displayName() + " is not a trainer of the demo course, so the demo platform "
                                + "does not let them choose activities for it, as an LMS would not.").response(403);
            }
            String data = deepLinks.request(person.get(), courseReturn);
            idToken = demo.deepLinkingRequest(base, person.get(), nonce, registeredRedirect, data, courseReturn);
        } else {
            Optional<DemoLink> link = links.find(hint.get().link().orElse(DemoCourse.HOME));
            if (link.isEmpty()) {
                return Page.titled("Demo platform").heading("The demo platform refused this login")
                        .paragraph("lti_message_hint names no link of the demo course.").response(400);
            }
            idToken = demo.idToken(base, person.get(), nonce, registeredRedirect, link.get(), courseReturn);
        }
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
            return DemoForms.off();
        }
        return Response.ok(demo.publicKeys().toString(true)).header("Cache-Control", "max-age=300").build();
    }
}
