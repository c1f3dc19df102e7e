package org.tandem.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.lti.web.Page;

/** Tandem's front door for a person who opens the base URL directly rather than from a course. */
@Path("")
@RequestScoped
public class IndexResource {

    @Inject
    DemoPlatform demo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response index() {
        Page page = Page.titled("Tandem")
                .heading("Tandem")
                .paragraph("Joint training for healthcare managers and clinicians, inside your Moodle or Canvas course: "
                        + "joint modules, role-swap scenarios and pre/post relationship assessments.")
                .html("<p>Learners and trainers open Tandem from their course. This address is for administrators.</p>");
        if (demo.enabled()) {
            page.html("<p><a class=\"button\" href=\"/demo\">Try the demo course</a></p>");
        }
        return page.html("<h2>For administrators</h2><ul>"
                        + "<li><a href=\"/lti/config/registration\">Registration values for your LMS</a></li>"
                        + "<li><a href=\"/admin\">Admin page</a> (platforms, launch diagnostics, keys)</li>"
                        + "<li><a href=\"/.well-known/jwks.json\">Tandem's public keys (JWKS)</a></li>"
                        + "<li><a href=\"/health/ready\">Health</a></li></ul>")
                .response(200);
    }
}
