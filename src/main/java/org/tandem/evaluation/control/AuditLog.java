package org.tandem.evaluation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The audit trail (table {@code audit_event}): every export of evaluation data, written in the
 * caller's transaction so that an export and its record stand or fall together, and logged as a
 * line starting {@code AUDIT} for log collectors.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int MAX_DETAIL = 2000;
    public static final int MAX_RECENT = 500;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public AuditLog() {
    }

    /** For tests outside a container. */
    public AuditLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Records an action in a tenant.
     *
     * @param actor  the actor's pseudonym (see {@link Pseudonyms}), never a name or LMS user id
     * @param action what was done, e.g. {@code evaluation.export.csv}
     * @param detail what it was done to, in words; no personal data
     */
    public void record(long platformId, String deploymentId, String actor, String action, String detail) {
        Instant now = clock.instant();
        String trimmed = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        // nextval('…') is understood by PostgreSQL and by H2 2.x alike
        em.createNativeQuery("INSERT INTO audit_event (id, occurred_at, platform_id, deployment_id, actor, action, detail) "
                        + "VALUES (nextval('audit_event_seq'), ?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter(2, platformId)
                .setParameter(3, deploymentId).setParameter(4, actor).setParameter(5, action).setParameter(6, trimmed)
                .executeUpdate();
        LOG.info(() -> "AUDIT " + action + " platform=" + platformId + " deployment=" + deploymentId + " actor=" + actor + ": "
                + trimmed.replaceAll("[\\r\\n]+", " "));
    }

    /** The most recent events, newest first; of one platform when given. */
    public List<AuditEvent> recent(int limit, Optional<Long> platformId) {
        int max = Math.max(1, Math.min(limit, MAX_RECENT));
        String sql = "SELECT id, occurred_at, platform_id, deployment_id, actor, action, detail FROM audit_event"
                + (platformId.isPresent() ? " WHERE platform_id = ?1" : "") + " ORDER BY id DESC";
        var query = em.createNativeQuery(sql).setMaxResults(max);
        platformId.ifPresent(id -> query.setParameter(1, id));
        List<AuditEvent> events = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            events.add(new AuditEvent(((Number) row[0]).longValue(), Columns.instant(row[1]), ((Number) row[2]).longValue(),
                    (String) row[3], (String) row[4], (String) row[5], (String) row[6]));
        }
        return events;
    }
}
