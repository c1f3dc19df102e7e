package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.tandem.access.control.LaunchSessions;
import org.tandem.lti.MessageType;
import org.tandem.lti.LaunchHandler;
import org.tandem.lti.LtiLaunch;

/** Turns a verified launch into a launch session and sends the browser to Tandem's home page. */
@ApplicationScoped
public class LaunchLanding implements LaunchHandler {

    /** The learning component's entry (it routes to the activity the link names). */
    static final String LEARN = "learn";
    /** The placement component's deep-linking picker. */
    static final String PLACE = "place";

    @Inject
    LaunchSessions sessions;

    @Override
    public URI accept(LtiLaunch launch, URI baseUri) {
        String token = sessions.open(launch);
        if (launch.messageType() == MessageType.DEEP_LINKING) {
            // the course editor asks which activities to place (the picker refuses learners)
            return UriBuilder.fromUri(baseUri).path(PLACE).queryParam(HomeResource.TOKEN, token).build();
        }
        // a link that names an activity opens it; any other link opens the programme home page
        boolean learning = launch.messageType() == MessageType.RESOURCE_LINK && launch.custom().containsKey("tandem_activity");
        return UriBuilder.fromUri(baseUri).path(learning ? LEARN : HomeResource.PATH).queryParam(HomeResource.TOKEN, token).build();
    }
}
