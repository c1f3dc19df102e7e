package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tandem.demo.control.DemoAccessTokens;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoPerson;

/**
 * The demo course's Names and Role Provisioning Services 2.0 membership container: every demo
 * person with their course roles, paged like Canvas (limit, 50 by default; Link rel="next") and
 * filtered by role when asked (NRPS 2.0 §2.4.1).
 */
@Path("demo/courses/{course}/memberships")
@RequestScoped
public class DemoMembershipsResource {

    static final String CONTAINER = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    static final int DEFAULT_LIMIT = 50;

    @Inject
    DemoServiceGate gate;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response members(@PathParam("course") String course, @QueryParam("role") String role,
                            @QueryParam("limit") Integer limit, @QueryParam("page") Integer page) {
        DemoServiceGate.Call call = DemoServiceGate.Call.of("GET", uriInfo);
        Optional<Response> refused = gate.refused(call, headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                Set.of(DemoAccessTokens.MEMBERSHIPS));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!DemoPlatform.COURSE_ID.equals(course)) {
            return gate.answer(call, DemoServiceGate.error(404, "not_found", "no course '" + course + "' on the demo platform"),
                    "unknown course");
        }
        List<DemoPerson> members = Arrays.stream(DemoPerson.values()).filter(p -> hasRole(p, role)).toList();
        DemoServiceGate.Paged<DemoPerson> paged = DemoServiceGate.Paged.of(members, limit, page, DEFAULT_LIMIT, uriInfo);
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (DemoPerson p : paged.items()) {
            json.add(Json.createObjectBuilder()
                    .add("status", "Active")
                    .add("user_id", p.subject())
                    .add("name", p.displayName())
                    .add("given_name", p.givenName())
                    .add("family_name", p.familyName())
                    .add("email", p.email())
                    .add("roles", Json.createArrayBuilder(p.contextRoles())));
        }
        String body = Json.createObjectBuilder()
                .add("id", uriInfo.getRequestUri().toString())
                .add("context", Json.createObjectBuilder().add("id", DemoPlatform.COURSE_ID)
                        .add("label", DemoPlatform.COURSE_LABEL).add("title", DemoPlatform.COURSE_TITLE))
                .add("members", json).build().toString();
        return gate.answer(call, paged.link(Response.ok(body, CONTAINER).header("Cache-Control", "no-store")).build(),
                paged.items().size() + " member(s)");
    }

    /** NRPS 2.0 §2.4.1: role is a full role URI or its short name (Learner, Instructor). */
    private static boolean hasRole(DemoPerson person, String role) {
        if (role == null || role.isBlank()) {
            return true;
        }
        return person.contextRoles().stream().anyMatch(r -> r.equals(role) || r.endsWith("#" + role));
    }
}
