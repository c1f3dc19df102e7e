package org.tandem.lti.registration.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tandem.lti.registration.control.ToolKeys;

/** Tandem's public keys (RFC 7517 JWK Set): platforms verify client assertions and deep-linking responses with them. */
@Path(".well-known/jwks.json")
@RequestScoped
public class JwksResource {

    @Inject
    ToolKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response jwks() {
        // public parts only: toPublicJWK() was applied to every key
        return Response.ok(keys.publicKeys().toString(true))
                .header("Cache-Control", "public, max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }
}
