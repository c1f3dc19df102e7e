package org.tandem.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.tandem.lti.ags.AccessTokenException;
import org.tandem.lti.ags.AccessTokens;
import org.tandem.lti.ags.AgsException;
import org.tandem.lti.ags.Delivery;
import org.tandem.lti.ags.LineItem;
import org.tandem.lti.ags.LineItems;
import org.tandem.lti.ags.Score;
import org.tandem.lti.ags.ScoreClient;
import org.tandem.lti.ags.TokenEndpoint;

/**
 * Test deployments only: lets {@link DemoPlatformIT} drive Tandem's own AGS client (tokens with a
 * client assertion signed by Tandem's private key, line items, scores) against the demo
 * platform's endpoints over real HTTP, before the gradebook worker that will do so in earnest.
 */
@Path("it-probe/ags")
@RequestScoped
public class AgsProbeResource {

    @Inject
    AccessTokens tokens;

    @Inject
    LineItems lineItems;

    @Inject
    ScoreClient scores;

    @POST
    @Path("token")
    @Produces(MediaType.TEXT_PLAIN)
    public Response token(@QueryParam("token_url") String tokenUrl, @QueryParam("client_id") String clientId,
                          @QueryParam("scope") List<String> scopes) {
        try {
            return Response.ok(tokens.token(new TokenEndpoint(URI.create(tokenUrl), clientId), scopes)).build();
        } catch (AccessTokenException e) {
            return Response.status(502).entity(e.getMessage()).build();
        }
    }

    @POST
    @Path("line-item")
    @Produces(MediaType.TEXT_PLAIN)
    public Response lineItem(@QueryParam("token_url") String tokenUrl, @QueryParam("client_id") String clientId,
                             @QueryParam("lineitems") String container, @QueryParam("label") String label,
                             @QueryParam("resource_id") String resourceId, @QueryParam("tag") String tag,
                             @QueryParam("resource_link_id") String resourceLinkId) {
        try {
            LineItem item = lineItems.findOrCreate(new TokenEndpoint(URI.create(tokenUrl), clientId), URI.create(container),
                    LineItem.toCreate(label, 10, resourceId, tag, resourceLinkId));
            return Response.ok(item.requireId().toString()).build();
        } catch (AgsException e) {
            return Response.status(502).entity(e.getMessage()).build();
        }
    }

    @POST
    @Path("score")
    @Produces(MediaType.TEXT_PLAIN)
    public Response score(@QueryParam("token_url") String tokenUrl, @QueryParam("client_id") String clientId,
                          @QueryParam("lineitem") String lineItem, @QueryParam("user") String user,
                          @QueryParam("given") double given, @QueryParam("timestamp") String timestamp) {
        Delivery delivery = scores.publish(new TokenEndpoint(URI.create(tokenUrl), clientId), URI.create(lineItem),
                Score.graded(user, given, 10, Instant.parse(timestamp), null));
        return Response.ok(delivery.outcome() + " " + delivery.status() + " " + delivery.reason()).build();
    }
}
