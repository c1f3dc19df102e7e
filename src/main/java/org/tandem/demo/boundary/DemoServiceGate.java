package org.tandem.demo.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tandem.demo.control.DemoAccessTokens;
import org.tandem.demo.control.DemoAvailability;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.control.DemoServiceLog;

/**
 * What every service endpoint of the demo platform (token, AGS, NRPS) does first and last: 404
 * while the demo is off, 503 while it plays an unavailable LMS, Bearer token and scope checks,
 * JSON answers, and a line in the service log the gradebook page shows.
 */
@ApplicationScoped
class DemoServiceGate {

    /** How long a tool is asked to wait while the "LMS" is down (RFC 9110 Retry-After). */
    static final int RETRY_AFTER_SECONDS = 30;

    @Inject
    DemoPlatform demo;

    @Inject
    DemoAvailability availability;

    @Inject
    DemoAccessTokens tokens;

    @Inject
    DemoServiceLog log;

    /** A service request in hand: its method and path for the log. */
    record Call(String method, String path) {
        static Call of(String method, UriInfo uriInfo) {
            URI uri = uriInfo.getRequestUri();
            return new Call(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
    }

    /** The answer when the service is closed (demo off, LMS unavailable); empty when it is open. */
    Optional<Response> closed(Call call) {
        if (!demo.enabled()) {
            return Optional.of(answer(call, error(404, "not_found", "the demo platform is off"), "demo off"));
        }
        if (availability.unavailable()) {
            Response down = Response.fromResponse(error(503, "temporarily_unavailable",
                    "the demo LMS is unavailable (switched off on the demo gradebook page); try again later"))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
            return Optional.of(answer(call, down, "LMS unavailable"));
        }
        return Optional.empty();
    }

    /** Closed, or the Bearer token missing or without one of the scopes; empty when the call may go on. */
    Optional<Response> refused(Call call, String authorization, Set<String> anyScope) {
        Optional<Response> closed = closed(call);
        if (closed.isPresent()) {
            return closed;
        }
        DemoAccessTokens.Authorization auth = tokens.authorize(authorization, anyScope);
        if (auth.allowed()) {
            return Optional.empty();
        }
        Response response = Response.fromResponse(error(auth.status(), auth.error(), auth.description()))
                .header("WWW-Authenticate", "Bearer error=\"" + auth.error() + "\", error_description=\""
                        + auth.description().replace("\"", "'") + "\"").build();
        return Optional.of(answer(call, response, auth.error()));
    }

    Response answer(Call call, Response response, String note) {
        log.add(call.method(), call.path(), response.getStatus(), note);
        return response;
    }

    static Response error(int status, String error, String description) {
        JsonObject body = Json.createObjectBuilder().add("error", error).add("error_description", description).build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString())
                .header("Cache-Control", "no-store").build();
    }

    static Response json(int status, String mediaType, JsonStructure body) {
        return Response.status(status).type(mediaType).entity(body.toString()).header("Cache-Control", "no-store").build();
    }

    /** Whether a request's Content-Type is the media type (parameters such as charset allowed). */
    static boolean hasType(String contentType, String expected) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(expected);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The JSON object of a request body, or empty when it is none. */
    static Optional<JsonObject> object(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** The page of a list a request asks for, with the Link to the next one (AGS 2.0 §3.2.4, NRPS 2.0 §2.4.2). */
    record Paged<T>(List<T> items, Optional<URI> next) {

        static <T> Paged<T> of(List<T> all, Integer limit, Integer page, int defaultLimit, UriInfo uriInfo) {
            int size = limit == null || limit < 1 ? defaultLimit : Math.min(limit, 1000);
            int number = page == null || page < 1 ? 1 : page;
            int from = Math.min(all.size(), (number - 1) * size);
            int to = Math.min(all.size(), from + size);
            Optional<URI> next = to < all.size()
                    ? Optional.of(UriBuilder.fromUri(uriInfo.getRequestUri()).replaceQueryParam("limit", size)
                            .replaceQueryParam("page", number + 1).build())
                    : Optional.empty();
            return new Paged<>(all.subList(from, to), next);
        }

        Response.ResponseBuilder link(Response.ResponseBuilder response) {
            next.ifPresent(uri -> response.header("Link", "<" + uri + ">; rel=\"next\""));
            return response;
        }
    }

    static String typeIdProblem(String typeId) {
        return DemoPlatform.TYPE_ID.equals(typeId) ? null
                : "this platform's AGS URLs carry ?type_id=" + DemoPlatform.TYPE_ID + " (as Moodle's do): keep the query "
                        + "string of the line item URL and add /scores or /results to its path";
    }
}
