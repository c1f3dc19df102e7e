package org.tandem.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** All of Tandem's pages and endpoints are Jakarta REST resources under the root context. */
@ApplicationPath("/")
public class TandemApplication extends Application {

    /**
     * Jersey publishes a description of every resource at /application.wadl to anyone; Tandem's
     * admin API is documented in docs/administrators.md and needs no public map.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
