package org.tandem.lti.registration.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.launch.control.CheckLog;
import org.tandem.lti.launch.control.LaunchRecords;
import org.tandem.lti.launch.entity.LaunchRecord;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.control.RegistrationJson;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.registration.entity.ToolKey;

/** The administrators' REST API: platform registrations, launch diagnostics, key rotation. */
@Path("admin/api")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public class AdminApiResource {

    private static final Logger LOG = Logger.getLogger(AdminApiResource.class.getName());
    private static final int MAX_LAUNCHES = 500;

    @Inject
    Platforms platforms;

    @Inject
    LaunchRecords records;

    @Inject
    ToolKeys keys;

    @Inject
    @ConfigProperty(name = "tandem.lti.clock-skew", defaultValue = "60")
    int defaultSkew;

    @GET
    @Path("platforms")
    @Transactional
    public Response list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        platforms.all().forEach(p -> all.add(RegistrationJson.toJson(p)));
        return Response.ok(all.build()).build();
    }

    @POST
    @Path("platforms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response register(String body) {
        JsonObject json = readObject(body);
        RegistrationJson.Parsed parsed = RegistrationJson.parse(json, defaultSkew);
        if (!parsed.problems().isEmpty()) {
            return errors(400, parsed.problems());
        }
        boolean existed = platforms.find(parsed.registration().issuer(), parsed.registration().clientId()).isPresent();
        Platform platform = platforms.register(parsed.registration(), RegistrationSource.ADMIN, parsed.deploymentIds(), parsed.frameOrigins());
        LOG.info(() -> "AUDIT platform " + (existed ? "updated" : "registered") + " by admin API: " + platform.issuer()
                + " client_id " + platform.clientId() + " deployments " + parsed.deploymentIds());
        return Response.status(existed ? 200 : 201).entity(RegistrationJson.toJson(platform)).build();
    }

    @DELETE
    @Path("platforms/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        Optional<Platform> platform = platforms.find(id);
        if (platform.isEmpty()) {
            return errors(404, List.of("no platform with id " + id));
        }
        String what = platform.get().issuer() + " client_id " + platform.get().clientId();
        platforms.delete(id);
        LOG.info(() -> "AUDIT platform deleted by admin API: " + what);
        return Response.noContent().build();
    }

    @POST
    @Path("platforms/{id}/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response addDeployment(@PathParam("id") long id, String body) {
        Optional<Platform> platform = platforms.find(id);
        if (platform.isEmpty()) {
            return errors(404, List.of("no platform with id " + id));
        }
        JsonObject json = readObject(body);
        String deploymentId = json.containsKey("deployment_id") && json.get("deployment_id").getValueType()
                == jakarta.json.JsonValue.ValueType.STRING ? json.getString("deployment_id").trim() : "";
        if (deploymentId.isEmpty()) {
            return errors(400, List.of("deployment_id (a string) is required"));
        }
        Platform p;
        try {
            p = platforms.register(platform.get().registration(), platform.get().source(), List.of(deploymentId));
        } catch (Platforms.InvalidRegistrationException e) {
            return errors(400, e.problems());
        }
        LOG.info(() -> "AUDIT deployment " + deploymentId + " added to " + p.issuer() + " client_id " + p.clientId());
        return Response.status(201).entity(RegistrationJson.toJson(p)).build();
    }

    /**
     * Revokes a deployment: its launches are refused from now on, and Tandem stops sending its
     * scores (pending ones fail with the reason, for the trainers to see).
     */
    @DELETE
    @Path("platforms/{id}/deployments/{deploymentId}")
    @Transactional
    public Response removeDeployment(@PathParam("id") long id, @PathParam("deploymentId") String deploymentId) {
        Optional<Platform> platform = platforms.find(id);
        if (platform.isEmpty()) {
            return errors(404, List.of("no platform with id " + id));
        }
        if (!platform.get().removeDeployment(deploymentId)) {
            return errors(404, List.of("platform " + id + " has no deployment '" + deploymentId + "'"));
        }
        LOG.info(() -> "AUDIT deployment " + deploymentId + " removed from " + platform.get().issuer() + " client_id "
                + platform.get().clientId());
        return Response.noContent().build();
    }

    @GET
    @Path("launches")
    @Transactional
    public Response launches(@QueryParam("platform") Long platformId, @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LAUNCHES)) {
            return errors(400, List.of("limit must be a whole number from 1 to " + MAX_LAUNCHES + ", not " + limit));
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (LaunchRecord r : records.recent(Optional.ofNullable(platformId), limit == null ? 50 : limit)) {
            JsonObjectBuilder checks = Json.createObjectBuilder();
            CheckLog.decode(r.checks()).forEach((check, outcome) -> checks.add(check.name(), outcome.name()));
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("id", r.id())
                    .add("created_at", r.createdAt().toString())
                    .add("accepted", r.accepted())
                    .add("checks", checks);
            r.platformId().ifPresent(id -> b.add("platform_id", id));
            add(b, "issuer", r.issuer());
            add(b, "client_id", r.clientId());
            add(b, "deployment_id", r.deploymentId());
            add(b, "message_type", r.messageType());
            add(b, "subject", r.subject());
            add(b, "failed_check", r.failedCheck());
            add(b, "reason", r.reason());
            out.add(b);
        }
        return Response.ok(out.build()).build();
    }

    @POST
    @Path("keys/rotate")
    @Transactional
    public Response rotate() {
        ToolKey key = keys.rotate();
        LOG.info(() -> "AUDIT tool key rotated by admin API: new kid " + key.kid());
        return Response.ok(Json.createObjectBuilder().add("kid", key.kid()).build()).build();
    }

    private static JsonObject readObject(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new jakarta.ws.rs.WebApplicationException(errors(400, List.of("the body must be a JSON object: " + e.getMessage())));
        }
    }

    private static Response errors(int status, List<String> problems) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        problems.forEach(a::add);
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("errors", a).build()).build();
    }

    private static void add(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
