package org.tandem.lti.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/** The LTI library's own scripts (platform storage, registration close), served from the classpath. */
@Path("lti/assets")
@ApplicationScoped
public class LtiAssetsResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.js");

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new NotFoundException();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("lti-assets/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes(), "text/javascript; charset=utf-8")
                    .header("Cache-Control", "public, max-age=3600").build();
        }
    }
}
