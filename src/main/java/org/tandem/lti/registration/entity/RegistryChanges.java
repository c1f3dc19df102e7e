package org.tandem.lti.registration.entity;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts writes to registrations on this instance (any platform or deployment row inserted,
 * changed or deleted, by whichever code path), so the launches' copy of the registry
 * ({@code Platforms.forLaunches}) is read again after every change made here.
 */
public class RegistryChanges {

    private static final AtomicLong COUNT = new AtomicLong();

    /** Changes written on this instance since it started. */
    public static long count() {
        return COUNT.get();
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object registration) {
        COUNT.incrementAndGet();
    }
}
