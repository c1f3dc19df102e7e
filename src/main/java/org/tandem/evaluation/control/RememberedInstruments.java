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
import org.tandem.catalogue.entity.InstrumentIdentity;

/**
 * The instrument each evaluator last chose in each evaluation scope (table
 * {@code remembered_instrument}), so that the evaluation opens on it again from a later launch.
 * Evaluators are known here by their pseudonym only.
 */
@ApplicationScoped
public class RememberedInstruments {

    /** The scope's key: the course, or the empty string for the programme. */
    private static String context(EvaluationScope scope) {
        return scope.contextId().orElse("");
    }

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public RememberedInstruments() {
    }

    /** For tests outside a container. */
    public RememberedInstruments(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** What {@code evaluator} (a pseudonym) last chose in this scope. */
    public Optional<InstrumentIdentity> find(EvaluationScope scope, String evaluator) {
        List<?> rows = em.createNativeQuery("SELECT instrument_id, instrument_version, content_hash FROM remembered_instrument "
                        + "WHERE platform_id = ?1 AND deployment_id = ?2 AND evaluator = ?3 AND context_id = ?4")
                .setParameter(1, scope.platformId()).setParameter(2, scope.deploymentId()).setParameter(3, evaluator)
                .setParameter(4, context(scope)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new InstrumentIdentity((String) row[0], ((Number) row[1]).intValue(), (String) row[2]));
    }

    /**
     * Keeps {@code evaluator}'s choice in this scope, replacing the one before, in a transaction of
     * its own: a page must not fail because the same evaluator's other tab remembered a choice at
     * the same moment (the caller may ignore that failure; the choice is a convenience).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remember(EvaluationScope scope, String evaluator, InstrumentIdentity identity) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int updated = em.createNativeQuery("UPDATE remembered_instrument SET instrument_id = ?1, instrument_version = ?2, "
                        + "content_hash = ?3, chosen_at = ?4 WHERE platform_id = ?5 AND deployment_id = ?6 AND evaluator = ?7 "
                        + "AND context_id = ?8")
                .setParameter(1, identity.id()).setParameter(2, identity.version()).setParameter(3, identity.contentHash())
                .setParameter(4, now).setParameter(5, scope.platformId()).setParameter(6, scope.deploymentId())
                .setParameter(7, evaluator).setParameter(8, context(scope)).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO remembered_instrument (platform_id, deployment_id, evaluator, context_id, "
                            + "instrument_id, instrument_version, content_hash, chosen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                    .setParameter(1, scope.platformId()).setParameter(2, scope.deploymentId()).setParameter(3, evaluator)
                    .setParameter(4, context(scope)).setParameter(5, identity.id()).setParameter(6, identity.version())
                    .setParameter(7, identity.contentHash()).setParameter(8, now).executeUpdate();
        }
    }
}
