package org.tandem.lti.registration.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.tandem.lti.ToolUrls;

/**
 * Every request to the administrators' JSON API: the admin credential (throttled), and for
 * anything that changes state, proof that it is not a cross-site request riding on the
 * browser's cached Basic credentials. A page on another site can make a browser send a form or
 * a {@code text/plain} POST with those credentials and without asking Tandem first; it cannot
 * send {@code application/json} (or any other type) without a CORS preflight, which Tandem never
 * grants. So writes must carry a type no form can, and a browser's Origin (or Sec-Fetch-Site),
 * when it sends one, must be Tandem's own. Scripts and curl send no Origin and pass.
 */
@AdminApi
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminApiGuard implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AdminApiGuard.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** What an HTML form, or fetch without a preflight, can send (the CORS-safelisted types). */
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @Inject
    AdminCredential credential;

    @Inject
    ToolUrls urls;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        AdminCredential.Check check = credential.check(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                servletRequest.getRemoteAddr());
        switch (check.outcome()) {
            case LOCKED -> {
                request.abortWith(errors(429, "too many failed sign-ins from this address; try again in "
                        + Math.max(1, check.retryAfter().toSeconds()) + " s")
                        .header("Retry-After", Math.max(1, check.retryAfter().toSeconds())).build());
                return;
            }
            case REFUSED -> {
                request.abortWith(errors(401, "the admin credential is required (HTTP Basic user 'admin', password "
                        + "TANDEM_ADMIN_PASSWORD)").header("WWW-Authenticate", AdminCredential.CHALLENGE).build());
                return;
            }
            case GRANTED -> {
                // go on
            }
        }
        if (READS.contains(request.getMethod())) {
            return;
        }
        URI base = urls.base(request.getUriInfo());
        String ours = base.getScheme() + "://" + base.getRawAuthority();
        String origin = request.getHeaderString("Origin");
        String site = request.getHeaderString("Sec-Fetch-Site");
        MediaType type = request.getMediaType();
        String problem = null;
        int status = 403;
        if (origin != null && !origin.equalsIgnoreCase(ours)) {
            problem = "the request came from another site (Origin " + origin + ")";
        } else if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            problem = "the request came from another site (Sec-Fetch-Site " + site + ")";
        } else if (!"DELETE".equals(request.getMethod()) && (type == null
                || FORM_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)))) {
            status = 415;
            problem = "send the request as JSON (Content-Type: application/json), not "
                    + Optional.ofNullable(type).map(MediaType::toString).orElse("without a Content-Type");
        }
        if (problem != null) {
            String why = problem;
            LOG.warning(() -> "admin API " + request.getMethod() + " " + request.getUriInfo().getPath() + " refused from "
                    + servletRequest.getRemoteAddr() + ": " + why);
            request.abortWith(errors(status, why + "; nothing was changed").build());
        }
    }

    private static Response.ResponseBuilder errors(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(message)).build().toString());
    }
}
