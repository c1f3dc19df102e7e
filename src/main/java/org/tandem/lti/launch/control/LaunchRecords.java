package org.tandem.lti.launch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.tandem.lti.launch.entity.LaunchRecord;

/** Launch diagnostics: keeps the last launches of each platform with the outcome of every check. */
@ApplicationScoped
public class LaunchRecords {

    static final int KEPT_PER_PLATFORM = 100;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public LaunchRecord record(Attempt attempt, CheckLog checks, boolean accepted, LaunchCheck failed, String reason) {
        LaunchRecord record = new LaunchRecord(attempt.platformId, attempt.issuer, attempt.clientId,
                attempt.deploymentId, attempt.messageType, attempt.subject, accepted,
                failed == null ? null : failed.name(), reason, checks.encode(), clock.instant());
        em.persist(record);
        em.flush();
        prune(attempt.platformId);
        return record;
    }

    public List<LaunchRecord> recent(Optional<Long> platformId, int limit) {
        var query = platformId.isPresent()
                ? em.createNamedQuery(LaunchRecord.RECENT_FOR_PLATFORM, LaunchRecord.class).setParameter("platformId", platformId.get())
                : em.createNamedQuery(LaunchRecord.RECENT, LaunchRecord.class);
        return query.setMaxResults(limit).getResultList();
    }

    private void prune(Long platformId) {
        List<Long> old = (platformId == null
                ? em.createQuery("select r.id from LaunchRecord r where r.platformId is null order by r.id desc", Long.class)
                : em.createQuery("select r.id from LaunchRecord r where r.platformId = :p order by r.id desc", Long.class)
                        .setParameter("p", platformId))
                .setFirstResult(KEPT_PER_PLATFORM).setMaxResults(500).getResultList();
        if (!old.isEmpty()) {
            em.createQuery("delete from LaunchRecord r where r.id in :ids").setParameter("ids", old).executeUpdate();
        }
    }

    /** What is known about a launch attempt so far; filled in as the checks go. */
    public static final class Attempt {
        Long platformId;
        String issuer;
        String clientId;
        String deploymentId;
        String messageType;
        String subject;

        public Attempt platform(Long id, String issuer, String clientId) {
            this.platformId = id;
            this.issuer = issuer;
            this.clientId = clientId;
            return this;
        }

        public Attempt launch(String deploymentId, String messageType, String subject) {
            this.deploymentId = deploymentId;
            this.messageType = messageType;
            this.subject = subject;
            return this;
        }

        public String describe() {
            return "issuer=" + issuer + " client_id=" + clientId + " deployment=" + deploymentId;
        }
    }
}
