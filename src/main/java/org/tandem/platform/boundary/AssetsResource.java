package org.tandem.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Tandem's own stylesheets, scripts and images: everything is served by Tandem, no CDN. */
@Path("assets")
@ApplicationScoped
public class AssetsResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new NotFoundException();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "public, max-age=3600").build();
        }
    }
}
