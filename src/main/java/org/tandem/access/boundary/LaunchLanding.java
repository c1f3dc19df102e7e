package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Set;
import org.tandem.access.control.LaunchSessions;
import org.tandem.access.control.RoleMapping;
import org.tandem.access.entity.TandemRole;
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
    /** The gradebook component's trainer view (learners and grade sync of each graded link). */
    static final String GRADES = "grades";

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
        if (learning && staff(RoleMapping.map(launch.roles(), launch.custom()))) {
            // a trainer who opens an activity in the course sees its learners and grade sync (with a
            // preview link) instead of being asked, like a learner, to take it
            return UriBuilder.fromUri(baseUri).path(GRADES).queryParam(HomeResource.TOKEN, token).build();
        }
        return UriBuilder.fromUri(baseUri).path(learning ? LEARN : HomeResource.PATH).queryParam(HomeResource.TOKEN, token).build();
    }

    /** Trainers and administrators of the course who are not also its learners. */
    private static boolean staff(Set<TandemRole> roles) {
        return (roles.contains(TandemRole.TRAINER) || roles.contains(TandemRole.ADMIN)) && !roles.contains(TandemRole.LEARNER);
    }
}
