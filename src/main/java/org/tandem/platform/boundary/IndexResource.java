package org.tandem.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tandem.demo.control.DemoPlatform;

/** Tandem's front door for a person who opens the base URL directly rather than from a course. */
@Path("")
@RequestScoped
public class IndexResource {

    /** The view of platform/boundary/index.jte: whether to offer the demo course. */
    public record Index(boolean demo) {
    }

    @Inject
    DemoPlatform demo;

    @Inject
    Pages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response index() {
        return pages.page(200, "platform/boundary/index.jte", new Index(demo.enabled()));
    }
}
