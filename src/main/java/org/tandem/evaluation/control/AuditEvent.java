package org.tandem.evaluation.control;

import java.time.Instant;

/**
 * One audited action: who (the actor's pseudonym in the tenant, never a name), what, where and
 * when.
 */
public record AuditEvent(long id, Instant occurredAt, long platformId, String deploymentId, String actor, String action,
                         String detail) {
}
