package org.tandem.evaluation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Secrets of this installation (table {@code tandem_secret}), such as the pseudonym key: made by
 * Tandem on first use, never configured, never shown.
 */
@ApplicationScoped
public class Secrets {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public Secrets() {
    }

    /** For tests outside a container. */
    public Secrets(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public Optional<String> find(String name) {
        List<?> values = em.createNativeQuery("SELECT secret_value FROM tandem_secret WHERE name = ?1").setParameter(1, name)
                .getResultList();
        return values.isEmpty() ? Optional.empty() : Optional.of((String) values.get(0));
    }

    /**
     * Stores a new secret in a transaction of its own, so that losing a race with another node
     * creating the same secret (a primary key violation) leaves the caller's transaction intact;
     * the caller then reads the winner's value.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String name, String value) {
        insert(name, value);
    }

    void insert(String name, String value) {
        em.createNativeQuery("INSERT INTO tandem_secret (name, secret_value, created_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, name).setParameter(2, value)
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }
}
