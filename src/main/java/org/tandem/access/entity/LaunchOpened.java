package org.tandem.access.entity;

import java.util.Objects;

/**
 * Fired (synchronously, inside the launch's transaction) for every verified launch once its
 * session exists, so other components can record what the launch told them: the course member,
 * the gradebook column of the link, the roster service. Observers write in the launch's
 * transaction and never open one of their own: a launch that holds its connection while waiting
 * for a second deadlocks the pool when a class launches at once. When several launches insert the
 * same row, the losers' transactions fail at commit and the launch runs again from the start
 * (the lti library's LaunchTransaction), finding the winner's row.
 */
public record LaunchOpened(LaunchSession session) {

    public LaunchOpened {
        Objects.requireNonNull(session, "session");
    }
}
