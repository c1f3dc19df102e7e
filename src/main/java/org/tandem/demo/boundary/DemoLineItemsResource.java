package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.tandem.demo.control.DemoAccessTokens;
import org.tandem.demo.control.DemoCourseLinks;
import org.tandem.demo.control.DemoGradebook;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoResult;
import org.tandem.demo.entity.PostedScore;
import org.tandem.lti.ToolUrls;

/**
 * The demo course's Assignment and Grade Services 2.0, as strict as an LMS: the line item
 * container (§3.2: list with resource_id, tag, resource_link_id filters and paging; create),
 * single line items, the score publish service (§3.4) with Moodle's rules, and the result
 * service (§3.3). Every URL carries ?type_id= like Moodle's, which a tool must keep.
 */
@Path("demo/courses/{course}/lineitems")
@RequestScoped
public class DemoLineItemsResource {

    static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
    static final String CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
    private static final Set<String> READ = Set.of(DemoAccessTokens.LINEITEM, DemoAccessTokens.LINEITEM_READONLY);

    @Inject
    DemoServiceGate gate;

    @Inject
    DemoGradebook gradebook;

    @Inject
    DemoCourseLinks links;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response list(@PathParam("course") String course, @QueryParam("type_id") String typeId, @QueryParam("resource_id") String resourceId, @QueryParam("tag") String tag,
                         @QueryParam("resource_link_id") String resourceLinkId, @QueryParam("limit") Integer limit,
                         @QueryParam("page") Integer page) {
        DemoServiceGate.Call call = DemoServiceGate.Call.of("GET", uriInfo);
        Optional<Response> refused = refused(call, READ, course, typeId);
        if (refused.isPresent()) {
            return refused.get();
        }
        DemoServiceGate.Paged<DemoLineItem> paged = DemoServiceGate.Paged.of(
                gradebook.lineItems(resourceId, tag, resourceLinkId), limit, page, 100, uriInfo);
        JsonArrayBuilder items = Json.createArrayBuilder();
        paged.items().forEach(item -> items.add(json(item)));
        return gate.answer(call, paged.link(Response.ok(items.build().toString(), CONTAINER)
                .header("Cache-Control", "no-store")).build(), paged.items().size() + " line item(s)");
    }

    @POST
    @Transactional
    public Response create(@PathParam("course") String course, @QueryParam("type_id") String typeId, String body) {
        DemoServiceGate.Call call = DemoServiceGate.Call.of("POST", uriInfo);
        Optional<Response> refused = refused(call, Set.of(DemoAccessTokens.LINEITEM), course, typeId);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!DemoServiceGate.hasType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), LINE_ITEM)) {
            return bad(call, 415, "unsupported_media_type", "a line item is posted as " + LINE_ITEM);
        }
        Optional<JsonObject> json = DemoServiceGate.object(body);
        if (json.isEmpty()) {
            return bad(call, 400, "invalid_request", "the body is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String label = text(json.get(), "label", problems);
        String resourceId = text(json.get(), "resourceId", problems);
        String tag = text(json.get(), "tag", problems);
        String resourceLinkId = text(json.get(), "resourceLinkId", problems);
        JsonValue max = json.get().get("scoreMaximum");
        if (label == null || label.isBlank()) {
            problems.add("label is required");
        }
        if (!(max instanceof JsonNumber n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            problems.add("scoreMaximum is required and must be a number greater than 0");
        }
        // AGS 2.0 §3.2.7: a resourceLinkId must name a link of this context
        if (resourceLinkId != null && links.find(resourceLinkId).isEmpty()) {
            problems.add("resourceLinkId '" + resourceLinkId + "' is no link of the demo course");
        }
        if (!problems.isEmpty()) {
            return bad(call, 400, "invalid_request", String.join("; ", problems));
        }
        DemoLineItem created = gradebook.create(label, ((JsonNumber) max).doubleValue(), resourceId, tag, resourceLinkId);
        URI id = URI.create(DemoPlatform.lineItemUrl(urls.base(uriInfo), created.id()));
        return gate.answer(call, Response.created(id).type(LINE_ITEM).entity(json(created).toString())
                .header("Cache-Control", "no-store").build(), "line item " + created.id() + " created");
    }

    @GET
    @Path("{id}/lineitem")
    @Transactional
    public Response one(@PathParam("course") String course, @QueryParam("type_id") String typeId, @PathParam("id") long id) {
        return onLineItem("GET", READ, course, typeId, id,
                (call, item) -> gate.answer(call, DemoServiceGate.json(200, LINE_ITEM, json(item)), "line item " + id));
    }

    /** AGS 2.0 §3.4: POST {lineitem}/scores with the score media type and the score scope. */
    @POST
    @Path("{id}/lineitem/scores")
    @Transactional
    public Response score(@PathParam("course") String course, @QueryParam("type_id") String typeId, @PathParam("id") long id,
                          String body) {
        return onLineItem("POST", Set.of(DemoAccessTokens.SCORE), course, typeId, id, (call, item) -> score(call, item, body));
    }

    private Response score(DemoServiceGate.Call call, DemoLineItem item, String body) {
        if (!DemoServiceGate.hasType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), PostedScore.MEDIA_TYPE)) {
            return bad(call, 415, "unsupported_media_type", "a score is posted as " + PostedScore.MEDIA_TYPE);
        }
        Optional<JsonObject> json = DemoServiceGate.object(body);
        if (json.isEmpty()) {
            return bad(call, 400, "invalid_request", "the body is not a JSON object");
        }
        PostedScore posted;
        try {
            posted = PostedScore.parse(json.get());
            gradebook.record(item, posted);
        } catch (PostedScore.Invalid | DemoGradebook.NotAMember e) {
            return bad(call, 400, "invalid_request", e.getMessage());
        } catch (DemoResult.StaleScore e) {
            // Moodle: 409 Conflict for a score older than the one it holds
            return bad(call, 409, "conflict", e.getMessage());
        }
        return gate.answer(call, DemoServiceGate.json(200, "application/json", Json.createObjectBuilder()
                .add("resultUrl", resultsUrl(item.id(), posted.userId())).build()),
                "score for " + posted.userId() + " (" + posted.gradingProgress() + ")");
    }

    /** AGS 2.0 §3.3: the results of a line item, optionally of one user, with the result.readonly scope. */
    @GET
    @Path("{id}/lineitem/results")
    @Transactional
    public Response results(@PathParam("course") String course, @QueryParam("type_id") String typeId, @PathParam("id") long id,
                            @QueryParam("user_id") String userId, @QueryParam("limit") Integer limit,
                            @QueryParam("page") Integer page) {
        return onLineItem("GET", Set.of(DemoAccessTokens.RESULT_READONLY), course, typeId, id, (call, item) -> {
            DemoServiceGate.Paged<DemoResult> paged = DemoServiceGate.Paged.of(
                    gradebook.results(item, Optional.ofNullable(userId)), limit, page, 100, uriInfo);
            JsonArrayBuilder results = Json.createArrayBuilder();
            paged.items().forEach(r -> results.add(result(item, r)));
            return gate.answer(call, paged.link(Response.ok(results.build().toString(), RESULTS)
                    .header("Cache-Control", "no-store")).build(), paged.items().size() + " result(s)");
        });
    }

    /** A request on one line item: refused (closed, token, course, type_id), 404 for an unknown item, else the work. */
    private Response onLineItem(String method, Set<String> scopes, String course, String typeId, long id,
                                BiFunction<DemoServiceGate.Call, DemoLineItem, Response> work) {
        DemoServiceGate.Call call = DemoServiceGate.Call.of(method, uriInfo);
        Optional<Response> refused = refused(call, scopes, course, typeId);
        if (refused.isPresent()) {
            return refused.get();
        }
        return gradebook.lineItem(id).map(item -> work.apply(call, item))
                .orElseGet(() -> bad(call, 404, "not_found", "no line item " + id + " in the demo course"));
    }

    private Optional<Response> refused(DemoServiceGate.Call call, Set<String> scopes, String course, String typeId) {
        Optional<Response> refused = gate.refused(call, headers.getHeaderString(HttpHeaders.AUTHORIZATION), scopes);
        if (refused.isPresent()) {
            return refused;
        }
        if (!DemoPlatform.COURSE_ID.equals(course)) {
            return Optional.of(bad(call, 404, "not_found", "no course '" + course + "' on the demo platform"));
        }
        String problem = DemoServiceGate.typeIdProblem(typeId);
        return problem == null ? Optional.empty() : Optional.of(bad(call, 404, "not_found", problem));
    }

    private Response bad(DemoServiceGate.Call call, int status, String error, String description) {
        return gate.answer(call, DemoServiceGate.error(status, error, description), description);
    }

    private JsonObject json(DemoLineItem item) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", DemoPlatform.lineItemUrl(urls.base(uriInfo), item.id()))
                .add("scoreMaximum", item.scoreMaximum())
                .add("label", item.label());
        item.resourceId().ifPresent(v -> json.add("resourceId", v));
        item.tag().ifPresent(v -> json.add("tag", v));
        item.resourceLinkId().ifPresent(v -> json.add("resourceLinkId", v));
        return json.build();
    }

    private JsonObject result(DemoLineItem item, DemoResult cell) {
        PostedScore latest = cell.latest();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", resultsUrl(item.id(), cell.userId()))
                .add("scoreOf", DemoPlatform.lineItemUrl(urls.base(uriInfo), item.id()))
                .add("userId", cell.userId())
                .add("resultMaximum", item.scoreMaximum());
        // only a FullyGraded score leaves a grade (as in Moodle); it is reported out of the column's maximum
        latest.kept().ifPresent(given -> json.add("resultScore", item.scaled(given, latest.scoreMaximum().orElseThrow())));
        latest.comment().ifPresent(c -> json.add("comment", c));
        return json.build();
    }

    private String resultsUrl(long lineItemId, String userId) {
        return urls.base(uriInfo).resolve("demo/courses/" + DemoPlatform.COURSE_ID + "/lineitems/" + lineItemId
                + "/lineitem/results") + "?type_id=" + DemoPlatform.TYPE_ID + "&user_id="
                + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(JsonObject json, String name, List<String> problems) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            problems.add(name + " must be a string");
            return null;
        }
        if (s.getString().length() > 255) {
            problems.add(name + " is longer than 255 characters");
            return null;
        }
        return s.getString();
    }
}
