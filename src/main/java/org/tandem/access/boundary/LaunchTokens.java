package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.tandem.access.control.LaunchSessions;
import org.tandem.access.entity.LaunchSession;
import org.tandem.platform.boundary.TandemPage;

/**
 * The launch token every Tandem page carries (query parameter or form field {@code s}): the
 * session it stands for, or a 401 page that sends the person back to their course.
 */
@ApplicationScoped
public class LaunchTokens {

    public static final String PARAMETER = "s";

    @Inject
    LaunchSessions sessions;

    public LaunchSession require(String token) {
        return sessions.find(token).orElseThrow(() -> new WebApplicationException(TandemPage.titled("Session ended")
                .heading("Your Tandem session has ended")
                .paragraph("Tandem pages open from your course. Please go back to your course and open Tandem again; "
                        + "what you did so far is saved.")
                .response(401)));
    }
}
