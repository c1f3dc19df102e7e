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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.tandem.evaluation.control.AuditEvent;
import org.tandem.evaluation.control.AuditLog;
import org.tandem.lti.registration.boundary.AdminApi;

/**
 * The audit trail for administrators: the most recent audited actions (exports of evaluation
 * data), newest first, optionally of one platform. Actors appear as their pseudonyms.
 */
@Path("admin/api/audit")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;

    @Inject
    AuditLog audit;

    @GET
    @Transactional
    public Response recent(@QueryParam("limit") Integer limit, @QueryParam("platform") Long platform) {
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
