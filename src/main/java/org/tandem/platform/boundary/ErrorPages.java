package org.tandem.platform.boundary;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * No stack trace ever reaches a person: unexpected errors become a page (or JSON for APIs) with
 * a reference that the log line carries too.
 */
@Provider
public class ErrorPages implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException wae) {
            Response r = wae.getResponse();
            if (r.hasEntity() || r.getStatus() < 400) {
                return r; // a page already, or a redirect (e.g. to the profile questions)
            }
            int status = r.getStatus();
            String kind = status == 404 ? "notFound" : status == 405 ? "notAllowed" : "refused";
            return page(status, "error." + kind, status);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "unexpected error, reference " + reference + " at " + path(), error);
        return page(500, "error.unexpected", reference);
    }

    /** The page (or JSON for the admin API) for an error; the message's one value is the status or the reference. */
    private Response page(int status, String key, Object value) {
        // no launch is known here: the browser's language decides
        Messages messages = Messages.choose(Optional.empty(), headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        String message = messages.text(key + ".text", value);
        if (path().startsWith("admin/api")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(message)).build()).build();
        }
        return Pages.response(status, Pages.render(messages, Message.TEMPLATE, Message.of(messages.text(key + ".title"), message)));
    }

    private String path() {
        try {
            return uriInfo == null ? "" : uriInfo.getPath().replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
