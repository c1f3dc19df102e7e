package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.tandem.access.control.LaunchSessions;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import java.util.Optional;
import org.tandem.platform.boundary.Framing;
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

    @Inject
    Framing framing;

    /** The session; its page may be framed by its own platform only. */
    public LaunchSession require(String token) {
        Optional<LaunchSession> session = sessions.find(token);
        if (session.isEmpty()) {
            // shown inside the LMS's frame when a long-open page outlives its session; only a message
            framing.anyone();
            throw new WebApplicationException(TandemPage.titled("Session ended")
                    .heading("Your Tandem session has ended")
                    .paragraph("Tandem pages open from your course. Please go back to your course and open Tandem again; "
                            + "what you did so far is saved.")
                    .response(401));
        }
        framing.platform(session.get().tenancy().platformId());
        return session.get();
    }

    /**
     * The session, if its person holds one of these roles; otherwise a 403 page saying who the page
     * is for (the LMS decides roles, so the person asks their course administrator).
     */
    public LaunchSession requireAny(String token, TandemRole... roles) {
        LaunchSession session = require(token);
        for (TandemRole role : roles) {
            if (session.has(role)) {
                return session;
            }
        }
        String who = java.util.Arrays.stream(roles).map(r -> r.label().toLowerCase(java.util.Locale.ROOT) + "s")
                .collect(java.util.stream.Collectors.joining(" and "));
        throw new WebApplicationException(TandemPage.titled("Not for your role")
                .person(session.person().displayName())
                .heading("This page is for " + who)
                .paragraph("Your course gives you the role " + session.roles().stream().map(TandemRole::label)
                        .collect(java.util.stream.Collectors.joining(", ")) + " in Tandem. If that is wrong, ask the "
                        + "course's administrator to change your role in the course.")
                .response(403));
    }
}
