package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.tandem.access.control.LaunchSessions;
import org.tandem.lti.LaunchHandler;
import org.tandem.lti.LtiLaunch;

/** Turns a verified launch into a launch session and sends the browser to Tandem's home page. */
@ApplicationScoped
public class LaunchLanding implements LaunchHandler {

    @Inject
    LaunchSessions sessions;

    @Override
    public URI accept(LtiLaunch launch, URI baseUri) {
        String token = sessions.open(launch);
        return UriBuilder.fromUri(baseUri).path(HomeResource.PATH).queryParam(HomeResource.TOKEN, token).build();
    }
}
