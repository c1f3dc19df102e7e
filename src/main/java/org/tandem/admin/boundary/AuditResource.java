package org.tandem.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.tandem.evaluation.control.AuditEvent;
import org.tandem.evaluation.control.AuditLog;
import org.tandem.lti.registration.boundary.AdminCredential;

/**
 * The audit trail for administrators: the most recent audited actions (exports of evaluation
 * data), newest first, optionally of one platform. Actors appear as their pseudonyms.
 */
@Path("admin/api/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;

    @Inject
    AdminCredential credential;

    @Inject
    AuditLog audit;

    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response recent(@QueryParam("limit") Integer limit, @QueryParam("platform") Long platform) {
        if (!credential.permits(headers)) {
            throw new WebApplicationException(Response.status(401)
                    .header("WWW-Authenticate", "Basic realm=\"Tandem admin\", charset=\"UTF-8\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder()
                            .add("the admin credential is required (HTTP Basic user 'admin', password TANDEM_ADMIN_PASSWORD)")).build())
                    .build());
        }
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (AuditEvent event : audit.recent(limit == null ? DEFAULT_LIMIT : limit, Optional.ofNullable(platform))) {
            events.add(Json.createObjectBuilder()
                    .add("id", event.id())
                    .add("occurred_at", event.occurredAt().toString())
                    .add("platform_id", event.platformId())
                    .add("deployment_id", event.deploymentId())
                    .add("actor", event.actor())
                    .add("action", event.action())
                    .add("detail", event.detail()));
        }
        return Response.ok(events.build()).header("Cache-Control", "no-store").build();
    }
}
