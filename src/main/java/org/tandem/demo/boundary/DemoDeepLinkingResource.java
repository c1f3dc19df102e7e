package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import org.tandem.demo.control.DeepLinkingReturn;
import org.tandem.demo.control.DemoDeepLinks;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.control.ToolMessageRefused;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.web.Page;

/**
 * Deep linking on the demo platform (Deep Linking 2.0): the trainer's "Add Tandem activities"
 * starts a login whose id_token is an LtiDeepLinkingRequest, and Tandem's signed response comes
 * back to the return URL, where it is verified as an LMS must before its links join the course.
 */
@Path("demo/deep-links")
@RequestScoped
public class DemoDeepLinkingResource {

    private static final Logger LOG = Logger.getLogger(DemoDeepLinkingResource.class.getName());

    @Inject
    DemoPlatform demo;

    @Inject
    DemoDeepLinks deepLinks;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    /** Starts the deep-linking login; only the course's trainer may, as in an LMS. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response start(@QueryParam("as") String as, @QueryParam("return") String returnUrl) {
        if (!demo.enabled()) {
            return DemoForms.off();
        }
        Optional<DemoPerson> person = DemoPerson.byHint(as);
        if (person.isEmpty()) {
            return Page.titled("Demo platform").heading("Unknown demo person")
                    .paragraph("Choose one of the people on the demo course page.").response(400);
        }
        if (!person.get().instructor()) {
            return Page.titled("Demo platform").heading("Only a trainer can add activities")
                    .paragraph(person.get().displayName() + " is not a trainer of the demo course. In an LMS only teachers "
                            + "see \"Add an activity\"; launch as Sam Taylor to choose Tandem activities.").response(403);
        }
        URI base = urls.base(uriInfo);
        demo.ensureRegistered(base);
        // the request goes to Tandem's launch URL like every LTI message (Deep Linking 2.0 §4.4)
        return DemoLogin.start(urls, uriInfo, base, person.get(), urls.launch(uriInfo).toString(),
                DemoLogin.Hint.deepLinking(DemoLogin.safeReturn(base, returnUrl)));
    }

    /**
     * The deep_link_return_url: Tandem's browser posts the signed response here as the JWT form
     * parameter. Refused responses get a page naming the failed check, and nothing is stored.
     */
    @POST
    @Path("return")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response answer(@FormParam("JWT") String jwt) {
        if (!demo.enabled()) {
            return DemoForms.off();
        }
        URI base = urls.base(uriInfo);
        DeepLinkingReturn.Expected expected = new DeepLinkingReturn.Expected(DemoPlatform.issuer(base), DemoPlatform.CLIENT_ID,
                DemoPlatform.DEPLOYMENT_ID, base.getScheme() + "://" + base.getRawAuthority());
        DemoDeepLinks.Placed placed;
        try {
            placed = deepLinks.accept(jwt, expected);
        } catch (ToolMessageRefused e) {
            LOG.warning(() -> "demo platform refused a deep-linking response: " + e.check() + ": " + e.getMessage());
            return Page.titled("Deep linking refused").heading("The demo platform refused Tandem's deep-linking response")
                    .html("<dl><dt>Failed check</dt><dd id=\"failed-check\">" + Page.text(e.check()) + "</dd>"
                            + "<dt>Why</dt><dd id=\"failed-reason\">" + Page.text(e.getMessage()) + "</dd></dl>")
                    .paragraph("Nothing was added to the course. An LMS refuses such a response the same way.")
                    .html("<p><a href=\"/demo\" target=\"_top\">Back to the demo course</a></p>")
                    .response(400);
        }
        LOG.info(() -> "demo platform placed " + placed.links().size() + " link(s) by deep linking");
        StringBuilder html = new StringBuilder();
        placed.errorMsg().ifPresent(m -> html.append("<div class=\"notice\" role=\"alert\" id=\"dl-errormsg\"><p>")
                .append(Page.text(m)).append("</p></div>"));
        placed.msg().ifPresent(m -> html.append("<div class=\"notice\" role=\"status\" id=\"dl-msg\"><p>")
                .append(Page.text(m)).append("</p></div>"));
        if (placed.links().isEmpty()) {
            html.append("<p id=\"placed-count\">Nothing was added to the course.</p>");
        } else {
            html.append("<p id=\"placed-count\">Added ").append(placed.links().size()).append(placed.links().size() == 1
                    ? " activity" : " activities").append(" to the course:</p><ol>");
            for (DemoLink link : placed.links()) {
                html.append("<li>").append(Page.text(link.title()))
                        .append(link.lineItemId().isPresent() ? " <span class=\"muted\">(with a gradebook column)</span>" : "")
                        .append("</li>");
            }
            html.append("</ol>");
        }
        html.append("<p><a class=\"button\" href=\"").append(Page.attr(placed.returnUrl()))
                .append("#placed\" target=\"_top\">Back to the demo course</a></p>");
        return Page.titled("Activities added").heading("Deep linking done").html(html.toString()).response(200);
    }
}
