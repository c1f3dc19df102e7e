package org.tandem.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tandem.access.control.LaunchSessions;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.platform.boundary.Framing;
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;

/**
 * The launch token every Tandem page carries (query parameter or form field {@code s}): the
 * session it stands for, or a 401 page that sends the person back to their course. Resolving it
 * also sets the language of the request's pages to the one the launch asked for.
 */
@ApplicationScoped
public class LaunchTokens {

    public static final String PARAMETER = "s";

    @Inject
    LaunchSessions sessions;

    @Inject
    Pages pages;

    @Inject
    Framing framing;

    /** The session; its page may be framed by its own platform only. */
    public LaunchSession require(String token) {
        Optional<LaunchSession> session = sessions.find(token);
        if (session.isEmpty()) {
            // shown inside the LMS's frame when a long-open page outlives its session; only a message
            framing.anyone();
            throw new WebApplicationException(pages.message(401,
                    Message.of(pages.text("session.ended.title"), pages.text("session.ended.text"))
                            .headed(pages.text("session.ended.heading"))));
        }
        framing.platform(session.get().tenancy().platformId());
        pages.speak(session.get().locale());
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
        List<String> plurals = Arrays.stream(roles).map(r -> pages.text("role.plural." + r.name())).toList();
        String who = plurals.get(0);
        for (String next : plurals.subList(1, plurals.size())) {
            who = pages.text("list.and", who, next);
        }
        throw new WebApplicationException(pages.message(403, Message.of(pages.text("role.refused.title"),
                        pages.text("role.refused.text", roleNames(session)))
                .headed(pages.text("role.refused.heading", who)).by(session.person().displayName())));
    }

    /** The person's Tandem roles, named in the page's language ("Trainer, Learner"). */
    public String roleNames(LaunchSession session) {
        return String.join(pages.text("list.separator"), session.roles().stream()
                .map(r -> pages.text("role." + r.name())).toList());
    }
}
