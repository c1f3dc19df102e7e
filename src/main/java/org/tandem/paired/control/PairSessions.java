package org.tandem.paired.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tandem.learning.entity.Course;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.PairSession;
import org.tandem.paired.entity.StoredMove;
import org.tandem.platform.control.DatabaseSettings;

/**
 * Pair sessions and their moves: the only way to them in the database. Every query is scoped by
 * the course (platform, deployment, context). Callers own the transaction.
 */
@ApplicationScoped
public class PairSessions {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** On PostgreSQL, every stored move is announced to all instances ({@link PairNotifications}). */
    boolean notifying = DatabaseSettings.current().url().startsWith("jdbc:postgresql:");

    public PairSessions() {
    }

    /** For tests outside a container. */
    public PairSessions(EntityManager em, Clock clock) {
        this(em, clock, false);
    }

    /** For tests outside a container; {@code notifying} on PostgreSQL only. */
    public PairSessions(EntityManager em, Clock clock, boolean notifying) {
        this.em = em;
        this.clock = clock;
        this.notifying = notifying;
    }

    /** Whether moves are announced through PostgreSQL (else only to this instance's streams). */
    public boolean notifying() {
        return notifying;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The session of this pair (or solo learner) and case in the course, if it was started. */
    public Optional<PairSession> find(Course course, String caseId, PairSession.Seating seating) {
        return em.createQuery("select s from PairSession s where s.platformId = :p and s.deploymentId = :d and s.contextId = :c"
                        + " and s.caseId = :case and s.pairKey = :key", PairSession.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).setParameter("case", caseId).setParameter("key", seating.pairKey())
                .getResultStream().findFirst();
    }

    /**
     * The newest session of the case in which this learner holds a seat: the one they return to,
     * even when the pairs changed since it began.
     */
    public Optional<PairSession> seatedIn(Course course, String caseId, String subject) {
        return em.createQuery("select s from PairSession s where s.platformId = :p and s.deploymentId = :d and s.contextId = :c"
                        + " and s.caseId = :case and (s.managerSeat = :s or s.clinicianSeat = :s) order by s.createdAt desc, s.id desc",
                        PairSession.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).setParameter("case", caseId).setParameter("s", subject)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** Inserts a new session; fails on the unique key if the partner started it first (the caller then reads theirs). */
    public PairSession start(PairSession session) {
        em.persist(session);
        em.flush();
        return session;
    }

    /** The session, locked for writing: the moves of one pair are made one after the other, on every instance. */
    public Optional<PairSession> lock(Course course, long sessionId) {
        return Optional.ofNullable(em.find(PairSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE))
                .filter(s -> s.course().equals(course));
    }

    public Optional<PairSession> of(Course course, long sessionId) {
        return Optional.ofNullable(em.find(PairSession.class, sessionId)).filter(s -> s.course().equals(course));
    }

    public List<Move> moves(PairSession session) {
        return em.createQuery("select m from StoredMove m where m.sessionId = :id order by m.seq", StoredMove.class)
                .setParameter("id", session.id()).getResultList().stream().map(StoredMove::move).toList();
    }

    /**
     * Stores a move of a locked session (and flushes: the move is in the database before anyone
     * hears of it). On PostgreSQL the news goes out with the transaction: NOTIFY is delivered on
     * commit only.
     */
    public void append(PairSession session, Move move) {
        em.persist(new StoredMove(session.id(), move));
        session.touched(move.at());
        em.flush();
        if (notifying) {
            em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, PairNotifications.CHANNEL)
                    .setParameter(2, PairNotifications.payload(session.id(), move.seq())).getSingleResult();
        }
    }
}
