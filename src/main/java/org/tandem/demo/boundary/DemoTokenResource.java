package org.tandem.demo.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.logging.Logger;
import org.tandem.demo.control.DemoAccessTokens;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.lti.ToolUrls;

/**
 * The demo platform's OAuth 2.0 token endpoint (Security Framework 1.0 §4.1): client credentials
 * with a JWT client assertion that Tandem signs with a key it publishes, answered with a Bearer
 * token for AGS and NRPS, or with an RFC 6749 §5.2 error that names the failed check.
 */
@Path("demo/token")
@RequestScoped
public class DemoTokenResource {

    private static final Logger LOG = Logger.getLogger(DemoTokenResource.class.getName());

    @Inject
    DemoServiceGate gate;

    @Inject
    DemoAccessTokens tokens;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_assertion_type") String assertionType,
                          @FormParam("client_assertion") String assertion, @FormParam("scope") String scope) {
        DemoServiceGate.Call call = DemoServiceGate.Call.of("POST", uriInfo);
        Optional<Response> closed = gate.closed(call);
        if (closed.isPresent()) {
            return closed.get();
        }
        // the assertion's audience must be this endpoint, as registered for the demo platform
        String tokenUrl = DemoPlatform.tokenUrl(urls.base(uriInfo));
        try {
            DemoAccessTokens.Issued issued = tokens.issue(new DemoAccessTokens.TokenRequest(grantType, assertionType, assertion,
                    scope), DemoPlatform.CLIENT_ID, tokenUrl);
            return gate.answer(call, Response.ok(Json.createObjectBuilder().add("access_token", issued.accessToken())
                            .add("token_type", "Bearer").add("expires_in", issued.expiresIn()).add("scope", issued.scope())
                            .build().toString(), MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store").header("Pragma", "no-cache").build(), "token issued");
        } catch (DemoAccessTokens.Refused e) {
            LOG.warning(() -> "demo token endpoint refused a request: " + e.error() + ": " + e.getMessage());
            return gate.answer(call, DemoServiceGate.error(e.status(), e.error(), e.getMessage()), e.error());
        }
    }
}
