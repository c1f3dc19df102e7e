package org.tandem.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All of Tandem's pages and endpoints are Jakarta REST resources under the root context. */
@ApplicationPath("/")
public class TandemApplication extends Application {
}
