package org.tandem.lti.launch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.launch.entity.LoginRequest;
import org.tandem.lti.launch.entity.LoginState;

/**
 * OIDC state and nonce, in the database so any instance can finish a launch another started.
 * Single use is an atomic conditional update, which holds across instances.
 */
@ApplicationScoped
public class LoginStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tandem.lti.state-lifetime", defaultValue = "600")
    long lifetimeSeconds;

    /**
     * Logins of one platform that may wait for their launch at once. Anyone can start a login for
     * a registered issuer, and each keeps a row until it expires; this bounds what a flood can
     * store (about 5 kB a row) while leaving far more room than any class opening Tandem together.
     */
    @Inject
    @ConfigProperty(name = "tandem.lti.login-states-per-platform", defaultValue = "10000")
    long maxOutstanding;

    Clock clock = Clock.systemUTC();

    public LoginStates() {
    }

    /** For tests outside a container. */
    public LoginStates(EntityManager em, long lifetimeSeconds, Clock clock) {
        this(em, lifetimeSeconds, 10_000, clock);
    }

    /** For tests outside a container. */
    public LoginStates(EntityManager em, long lifetimeSeconds, long maxOutstanding, Clock clock) {
        this.em = em;
        this.lifetimeSeconds = lifetimeSeconds;
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
    }

    /**
     * Stores a new state and nonce for the platform's login.
     *
     * @throws TooManyLogins when the platform already has its maximum of logins waiting for a launch
     */
    public LoginState begin(long platformId, LoginRequest request) {
        Instant now = clock.instant();
        // one insert: expired states are purged in the background (LaunchHousekeeping), never by a login;
        // the count is the bound on logins waiting for their launch
        long outstanding = em.createQuery("select count(s) from LoginState s where s.platformId = :platform "
                        + "and s.consumedAt is null and s.expiresAt > :now", Long.class)
                .setParameter("platform", platformId).setParameter("now", now).getSingleResult();
        if (outstanding >= maxOutstanding) {
            throw new TooManyLogins(outstanding);
        }
        LoginState state = new LoginState(random(), random(), platformId, request, now,
                now.plus(Duration.ofSeconds(lifetimeSeconds)));
        em.persist(state);
        return state;
    }

    public Optional<LoginState> find(String state) {
        if (state == null || state.isBlank() || state.length() > 128) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(LoginState.class, state));
    }

    /** Marks the state used; false when it was used already (a replay, or a race with another instance). */
    public boolean consume(String state) {
        int updated = em.createQuery("update LoginState s set s.consumedAt = :now where s.state = :state and s.consumedAt is null")
                .setParameter("now", clock.instant()).setParameter("state", state).executeUpdate();
        return updated == 1;
    }

    /**
     * Deletes up to {@code max} states that expired before this instant, in a transaction of its
     * own, and returns how many; the housekeeping calls it again while it finds that many.
     */
    @Transactional
    public int purge(Instant expiredBefore, int max) {
        List<String> expired = em.createQuery("select s.state from LoginState s where s.expiresAt < :t", String.class)
                .setParameter("t", expiredBefore).setMaxResults(max).getResultList();
        return expired.isEmpty() ? 0
                : em.createQuery("delete from LoginState s where s.state in :states").setParameter("states", expired).executeUpdate();
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The platform has as many logins waiting for their launch as Tandem keeps; the oldest expire within the state lifetime. */
    public static final class TooManyLogins extends RuntimeException {
        public TooManyLogins(long outstanding) {
            super(outstanding + " logins of this platform are waiting for their launch");
        }
    }

    /** 256 random bits, URL-safe: usable in a cookie name and a query string as is. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
