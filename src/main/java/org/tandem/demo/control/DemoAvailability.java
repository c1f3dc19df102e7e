package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.tandem.demo.entity.DemoSetting;

/**
 * Whether the demo plays an LMS whose services are down: while it does, the token, AGS and NRPS
 * endpoints answer 503, so a person can watch Tandem keep scores and deliver them once the
 * "LMS" is back. Launches and pages stay up, as an LMS's web front often does. Kept in the
 * database so every instance agrees.
 */
@ApplicationScoped
public class DemoAvailability {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public boolean unavailable() {
        return setting().map(s -> Boolean.parseBoolean(s.value())).orElse(false);
    }

    /** Since when the current state holds, if it was ever switched. */
    public Optional<Instant> since() {
        return setting().map(DemoSetting::changedAt);
    }

    /** Callers own the transaction. */
    public void unavailable(boolean unavailable) {
        Instant now = clock.instant();
        Optional<DemoSetting> setting = setting();
        if (setting.isPresent()) {
            setting.get().change(Boolean.toString(unavailable), now);
        } else {
            em.persist(new DemoSetting(DemoSetting.LMS_UNAVAILABLE, Boolean.toString(unavailable), now));
        }
        em.flush();
    }

    private Optional<DemoSetting> setting() {
        return Optional.ofNullable(em.find(DemoSetting.class, DemoSetting.LMS_UNAVAILABLE));
    }
}
