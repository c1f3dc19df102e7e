package org.tandem.lti.launch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tandem.lti.launch.entity.LaunchRecord;

/**
 * Launch diagnostics: the last launches of each platform with the outcome of every check. Written
 * by launches, trimmed by {@link org.tandem.lti.launch.boundary.LaunchHousekeeping}.
 */
@ApplicationScoped
public class LaunchRecords {

    static final int KEPT_PER_PLATFORM = 100;
    static final int MAX_WAITING = 10_000;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    private final Queue<LaunchRecord> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Keeps a rejected launch's record, in the launch's transaction: the page the person sees
     * names its id, and an administrator looking into a failure finds it at once. An insert and
     * nothing else: launches never delete records ({@link #prune} trims them in the background).
     */
    public LaunchRecord record(Attempt attempt, CheckLog checks, boolean accepted, LaunchCheck failed, String reason) {
        LaunchRecord record = recordOf(attempt, checks, accepted, failed, reason);
        // the sequence gives the id at once: the rejection page names it without a flush
        em.persist(record);
        return record;
    }

    /**
     * Keeps an accepted launch's record without writing on the launch path: it waits (in memory,
     * at most {@value #MAX_WAITING} of them) for {@link #writeAccepted}, which the housekeeping
     * runs every second and the diagnostics run before they read. An instance that dies loses at
     * most that second of accepted launches; rejections are never held back. {@code notes} says
     * what was accepted with a change (a shortened name), or is null.
     */
    public void accepted(Attempt attempt, CheckLog checks, String notes) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(recordOf(attempt, checks, true, null, notes));
    }

    /** Writes up to {@code max} waiting records of accepted launches in the caller's transaction; returns how many. */
    @Transactional
    public int writeAccepted(int max) {
        int written = 0;
        LaunchRecord r;
        while (written < max && (r = pending.poll()) != null) {
            waiting.decrementAndGet();
            em.persist(r);
            written++;
        }
        return written;
    }

    /** Records of accepted launches not kept because too many waited at once (the database was away). */
    public long dropped() {
        return dropped.get();
    }

    private LaunchRecord recordOf(Attempt attempt, CheckLog checks, boolean accepted, LaunchCheck failed, String reason) {
        return new LaunchRecord(attempt.platformId, attempt.issuer, attempt.clientId, attempt.deploymentId, attempt.messageType,
                attempt.subject, accepted, failed == null ? null : failed.name(), reason, checks.encode(), clock.instant());
    }

    /** The newest records first; accepted launches still waiting to be written are written first. */
    public List<LaunchRecord> recent(Optional<Long> platformId, int limit) {
        writeAccepted(MAX_WAITING);
        var query = platformId.isPresent()
                ? em.createNamedQuery(LaunchRecord.RECENT_FOR_PLATFORM, LaunchRecord.class).setParameter("platformId", platformId.get())
                : em.createNamedQuery(LaunchRecord.RECENT, LaunchRecord.class);
        return query.setMaxResults(limit).getResultList();
    }

    /**
     * Deletes the records of each platform (and of launches from no known platform) older than its
     * newest {@value #KEPT_PER_PLATFORM}, in a transaction of its own; returns how many went.
     */
    @Transactional
    public int prune() {
        int deleted = 0;
        for (Long platformId : em.createQuery("select distinct r.platformId from LaunchRecord r", Long.class).getResultList()) {
            List<Long> oldest = (platformId == null
                    ? em.createQuery("select r.id from LaunchRecord r where r.platformId is null order by r.id desc", Long.class)
                    : em.createQuery("select r.id from LaunchRecord r where r.platformId = :p order by r.id desc", Long.class)
                            .setParameter("p", platformId))
                    .setFirstResult(KEPT_PER_PLATFORM).setMaxResults(1).getResultList();
            if (!oldest.isEmpty()) {
                deleted += (platformId == null
                        ? em.createQuery("delete from LaunchRecord r where r.platformId is null and r.id <= :id")
                        : em.createQuery("delete from LaunchRecord r where r.platformId = :p and r.id <= :id").setParameter("p", platformId))
                        .setParameter("id", oldest.get(0)).executeUpdate();
            }
        }
        return deleted;
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
