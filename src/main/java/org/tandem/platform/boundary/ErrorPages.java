package org.tandem.platform.boundary;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.lti.web.Page;

/**
 * No stack trace ever reaches a person: unexpected errors become a page (or JSON for APIs) with
 * a reference that the log line carries too.
 */
@Provider
public class ErrorPages implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException wae) {
            Response r = wae.getResponse();
            if (r.hasEntity() || r.getStatus() < 400) {
                return r; // a page already, or a redirect (e.g. to the profile questions)
            }
            int status = r.getStatus();
            return page(status, status == 404 ? "Not found" : status == 405 ? "Not allowed" : "Request refused",
                    status == 404 ? "There is nothing at this address." : "The request could not be handled (HTTP " + status + ").");
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "unexpected error, reference " + reference + " at " + path(), error);
        return page(500, "Something went wrong",
                "Tandem could not complete this request. Nothing was saved from it. If it keeps happening, give your "
                        + "administrator the reference " + reference + ".");
    }

    private Response page(int status, String title, String message) {
        if (path().startsWith("admin/api")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(message)).build()).build();
        }
        return Page.titled(title).heading(title).paragraph(message).response(status);
    }

    private String path() {
        try {
            return uriInfo == null ? "" : uriInfo.getPath().replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
