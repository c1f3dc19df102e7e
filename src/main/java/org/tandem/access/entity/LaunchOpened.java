package org.tandem.access.entity;

import java.util.Objects;

/**
 * Fired (synchronously, inside the launch's transaction) for every verified launch once its
 * session exists, so other components can record what the launch told them: the course member,
 * the gradebook column of the link, the roster service.
 */
public record LaunchOpened(LaunchSession session) {

    public LaunchOpened {
        Objects.requireNonNull(session, "session");
    }
}
