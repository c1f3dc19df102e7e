package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.tandem.demo.entity.DemoUsedId;

/**
 * Remembers one-time values (nonces, jtis) until they expire, in the database so that every
 * instance refuses a replay. Each use commits on its own: a value is used up even when the
 * message that carried it is refused later.
 */
@ApplicationScoped
public class DemoReplayGuard {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public DemoReplayGuard() {
    }

    /** For tests outside a container. */
    public DemoReplayGuard(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Uses up {@code kind:value}; false when it was used before. Two instances using the same
     * value at once: the second insert fails on the primary key and throws, which callers treat
     * as a refusal too.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean firstUse(String kind, String value, Instant expiresAt) {
        Instant now = clock.instant();
        em.createQuery("delete from DemoUsedId u where u.expiresAt < :now").setParameter("now", now).executeUpdate();
        String id = kind + ":" + sha256(value); // hashed: a tool's value may be of any length
        if (em.find(DemoUsedId.class, id) != null) {
            return false;
        }
        em.persist(new DemoUsedId(id, expiresAt));
        em.flush();
        return true;
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
