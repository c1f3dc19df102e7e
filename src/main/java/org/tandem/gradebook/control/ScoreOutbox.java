package org.tandem.gradebook.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandem.access.entity.LaunchOpened;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.Results;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.AttemptCompleted;
import org.tandem.learning.entity.Learner;
import org.tandem.roster.control.CourseMembers;
import org.tandem.roster.entity.CourseKey;

/**
 * The score outbox: the only way to score_event rows. Completing an attempt writes its events in
 * the same transaction (a synchronous observer); the worker asks for what is due, claims each
 * event with a conditional update (so several Tandem instances never send one twice at once),
 * and records what the platform answered. Callers own the transactions.
 */
@ApplicationScoped
public class ScoreOutbox {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    GradeColumns columns;

    @Inject
    Attempts attempts;

    @Inject
    Results results;

    /** Absent in tests outside a container: then every completion is sent. */
    @Inject
    CourseMembers members;

    Clock clock = Clock.systemUTC();

    public ScoreOutbox() {
    }

    /** For tests outside a container. */
    public ScoreOutbox(EntityManager em, GradeColumns columns, Attempts attempts, Results results, Clock clock) {
        this.em = em;
        this.columns = columns;
        this.attempts = attempts;
        this.results = results;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Inside the completing transaction: one event per column of the activity that grades this attempt. */
    void onCompleted(@Observes AttemptCompleted completed) {
        Learner learner = completed.attempt().learner();
        if (staff(new Course(learner.platformId(), learner.deploymentId(), learner.contextId()), learner.subject())) {
            // a trainer's preview is no grade: Canvas refuses scores for non-students (422), Moodle
            // would add a teacher's row to the gradebook
            return;
        }
        enqueue(completed.attempt());
    }

    /**
     * After the columns have recorded a launch (a later observer than {@link GradeColumns}): a
     * graded link's column takes the results its learners earned before it existed or before
     * they first opened it, for instance from Tandem's own list of all activities. A completion
     * counts for the placed link of its activity whichever way the learner got there.
     */
    void onLaunch(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) LaunchOpened opened) {
        LaunchSession.Tenancy t = opened.session().tenancy();
        if (t.contextId().isEmpty() || t.resourceLinkId().isEmpty()) {
            return;
        }
        columns.byLink(new Course(t.platformId(), t.deploymentId(), t.contextId().get()), t.resourceLinkId().get())
                .ifPresent(this::backfill);
    }

    /**
     * Writes, for each learner with a completed attempt at the column's activity and nothing sent
     * to the column yet, the result its attempt policy grades. Returns how many were written.
     */
    public int backfill(GradeColumn column) {
        Optional<ActivityRef> activity = ActivityRef.fromKey(column.activityKey());
        if (activity.isEmpty()) {
            return 0;
        }
        Course c = column.course();
        Map<String, List<Attempt>> completed = attempts.completedPerLearner(
                new Learner(c.platformId(), c.deploymentId(), c.contextId(), ""), activity.get());
        if (completed.isEmpty()) {
            return 0;
        }
        Set<String> known = new HashSet<>(em.createQuery("select distinct e.subject from ScoreEvent e where e.columnId = :c",
                String.class).setParameter("c", column.id()).getResultList());
        int written = 0;
        for (Map.Entry<String, List<Attempt>> learner : completed.entrySet()) {
            if (known.contains(learner.getKey()) || staff(c, learner.getKey())) {
                continue;
            }
            Optional<Attempt> graded = graded(column, learner.getValue());
            if (graded.isPresent()) {
                write(column, graded.get(), ScoreEvent.Cause.COMPLETED, graded.get().completedAt().orElse(clock.instant()));
                written++;
            }
        }
        return written;
    }

    private boolean staff(Course course, String subject) {
        return members != null && members.find(new CourseKey(course.platformId(), course.deploymentId(), course.contextId()),
                subject).filter(m -> !m.roles().contains(TandemRole.LEARNER)).isPresent();
    }

    /**
     * The events for a completed attempt: one per column of its activity in its course whose
     * attempt policy grades this attempt (under "highest", a lower replay changes nothing).
     */
    public List<ScoreEvent> enqueue(Attempt attempt) {
        Learner learner = attempt.learner();
        Course course = new Course(learner.platformId(), learner.deploymentId(), learner.contextId());
        List<GradeColumn> graded = columns.forActivity(course, attempt.activity().key());
        if (graded.isEmpty()) {
            return List.of();
        }
        List<Attempt> completed = new ArrayList<>(attempts.completedPerLearner(
                new Learner(learner.platformId(), learner.deploymentId(), learner.contextId(), ""), attempt.activity())
                .getOrDefault(attempt.subject(), List.of()));
        if (completed.stream().noneMatch(a -> a.id().equals(attempt.id()))) {
            completed.add(attempt);
        }
        List<ScoreEvent> written = new ArrayList<>();
        for (GradeColumn column : graded) {
            if (graded(column, completed).filter(a -> a.id().equals(attempt.id())).isPresent()) {
                written.add(write(column, attempt, ScoreEvent.Cause.COMPLETED, attempt.completedAt().orElse(clock.instant())));
            }
        }
        return written;
    }

    /** The attempt of a learner's completed ones (oldest first) that the column's policy grades. */
    private Optional<Attempt> graded(GradeColumn column, List<Attempt> completed) {
        return column.attemptPolicy().choose(completed, a -> results.fraction(a).orElse(0));
    }

    private ScoreEvent write(GradeColumn column, Attempt attempt, ScoreEvent.Cause cause, Instant timestamp) {
        ScoreEvent event = new ScoreEvent(column.id(), attempt.subject(), attempt.id(), cause,
                Scores.payload(column.mode(), attempt.kind(), results.fraction(attempt), timestamp), clock.instant());
        em.persist(event);
        return event;
    }

    /**
     * Sends the result the column's policy grades to the column again, stamped now (newer than
     * anything sent before, so the platform takes it); a failed event of the learner's gives way
     * to it. Empty when the learner has no completed attempt.
     */
    public Optional<ScoreEvent> resend(GradeColumn column, String subject, ScoreEvent.Cause cause) {
        Optional<Attempt> graded = Optional.ofNullable(gradedPerLearner(column).get(subject));
        graded.ifPresent(a -> replaceFailed(column, subject));
        return graded.map(a -> write(column, a, cause, clock.instant()));
    }

    /** Every learner's graded result, again (after a mode or policy change, or when the LMS lost grades). */
    public int resendAll(GradeColumn column, ScoreEvent.Cause cause) {
        Map<String, Attempt> graded = gradedPerLearner(column);
        Instant now = clock.instant();
        for (Attempt a : graded.values()) {
            replaceFailed(column, a.subject());
            write(column, a, cause, now);
        }
        return graded.size();
    }

    /** Per learner with a completed attempt, the one the column's policy grades. */
    private Map<String, Attempt> gradedPerLearner(GradeColumn column) {
        ActivityRef activity = ActivityRef.fromKey(column.activityKey()).orElseThrow(
                () -> new IllegalStateException("column " + column.id() + " names no activity: " + column.activityKey()));
        Course c = column.course();
        Map<String, Attempt> graded = new LinkedHashMap<>();
        attempts.completedPerLearner(new Learner(c.platformId(), c.deploymentId(), c.contextId(), ""), activity)
                .forEach((subject, completed) -> graded(column, completed).ifPresent(a -> graded.put(subject, a)));
        return graded;
    }

    private void replaceFailed(GradeColumn column, String subject) {
        Instant now = clock.instant();
        em.createQuery("select e from ScoreEvent e where e.columnId = :c and e.subject = :s and e.status = :failed",
                        ScoreEvent.class)
                .setParameter("c", column.id()).setParameter("s", subject).setParameter("failed", ScoreEvent.Status.FAILED)
                .getResultList().forEach(e -> e.replaced(now));
    }

    /**
     * Events due now, oldest first, at most one per learner and column: the oldest pending one, as
     * a newer score must wait until the older one is settled (AGS platforms refuse, or worse keep,
     * an older timestamp after a newer one).
     */
    public List<Long> due(int limit) {
        Instant now = clock.instant();
        return em.createQuery("select e.id from ScoreEvent e where e.status = :pending and e.nextTryAt <= :now "
                        + "and (e.claimedUntil is null or e.claimedUntil < :now) "
                        + "and not exists (select o.id from ScoreEvent o where o.columnId = e.columnId "
                        + "and o.subject = e.subject and o.status = :pending and o.id < e.id) "
                        + "order by e.nextTryAt, e.id", Long.class)
                .setParameter("pending", ScoreEvent.Status.PENDING).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Claims the event for this worker until {@code lease} from now, if nobody holds it: one
     * conditional UPDATE, which the database lets only one transaction win.
     */
    public boolean claim(long eventId, String worker, Duration lease) {
        Instant now = clock.instant();
        int updated = em.createQuery("update ScoreEvent e set e.claimedBy = :worker, e.claimedUntil = :until "
                        + "where e.id = :id and e.status = :pending and (e.claimedUntil is null or e.claimedUntil < :now)")
                .setParameter("worker", worker).setParameter("until", now.plus(lease)).setParameter("id", eventId)
                .setParameter("pending", ScoreEvent.Status.PENDING).setParameter("now", now)
                .executeUpdate();
        return updated == 1;
    }

    /**
     * Lets go of every claim, for a start on a database only this process can open (the embedded
     * H2 file is locked by it): whoever held a claim is dead, so its scores need not wait for the
     * claim to run out.
     *
     * @return how many scores were claimed
     */
    public int releaseClaims() {
        return em.createQuery("update ScoreEvent e set e.claimedBy = null, e.claimedUntil = null "
                        + "where e.status = :pending and e.claimedUntil is not null")
                .setParameter("pending", ScoreEvent.Status.PENDING).executeUpdate();
    }

    public Optional<ScoreEvent> find(long eventId) {
        return Optional.ofNullable(em.find(ScoreEvent.class, eventId));
    }

    /** The event if this worker still holds its claim (a claim that ran out may have gone to another). */
    public Optional<ScoreEvent> claimedBy(long eventId, String worker) {
        em.flush();
        return find(eventId).filter(e -> e.status() == ScoreEvent.Status.PENDING && e.claimedBy().filter(worker::equals).isPresent());
    }

    /**
     * Writes what became of a delivery this worker made, if it still holds the claim. A platform
     * that keeps answering "not now" is tried again with backoff until {@code giveUpAfter} has
     * passed since the event was written; then the event fails with the last answer.
     */
    public Optional<ScoreEvent> record(long eventId, String worker, Courier.Outcome outcome, Backoff backoff,
                                       Duration giveUpAfter) {
        Optional<ScoreEvent> claimed = claimedBy(eventId, worker);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        ScoreEvent event = claimed.get();
        Instant now = clock.instant();
        columns.find(event.columnId()).ifPresent(column -> {
            outcome.resolvedLineItem().ifPresent(url -> column.lineItemResolved(url, now));
            outcome.lineItemProblem().ifPresent(problem -> column.lineItemProblem(problem, now));
        });
        switch (outcome.kind()) {
            case DELIVERED -> event.sent(outcome.status(), now);
            case FAILED -> event.failed(outcome.status(), outcome.answer(), now);
            case RETRYABLE -> {
                if (now.isAfter(event.createdAt().plus(giveUpAfter))) {
                    event.failed(outcome.status(), "Tandem stopped retrying after " + giveUpAfter.toHours()
                            + " hours without success. The platform's last answer: " + outcome.answer(), now);
                } else {
                    event.retryAt(now.plus(backoff.after(event.tries() + 1)), outcome.status(), outcome.answer());
                }
            }
        }
        return claimed;
    }

    /** Per learner, their newest event for the column: what the trainer's sync view shows. */
    public Map<String, ScoreEvent> latestPerLearner(GradeColumn column) {
        Map<String, ScoreEvent> latest = new LinkedHashMap<>();
        em.createQuery("select e from ScoreEvent e where e.columnId = :c order by e.id desc", ScoreEvent.class)
                .setParameter("c", column.id()).getResultStream().forEach(e -> latest.putIfAbsent(e.subject(), e));
        return latest;
    }

    /** The learner's events for the column, newest first. */
    public List<ScoreEvent> history(GradeColumn column, String subject) {
        return em.createQuery("select e from ScoreEvent e where e.columnId = :c and e.subject = :s order by e.id desc",
                        ScoreEvent.class)
                .setParameter("c", column.id()).setParameter("s", subject).getResultList();
    }

    /** Counts per status for the column. */
    public Map<ScoreEvent.Status, Long> counts(GradeColumn column) {
        Map<ScoreEvent.Status, Long> counts = new LinkedHashMap<>();
        for (ScoreEvent.Status s : ScoreEvent.Status.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : em.createQuery("select e.status, count(e) from ScoreEvent e where e.columnId = :c group by e.status",
                Object[].class).setParameter("c", column.id()).getResultList()) {
            counts.put((ScoreEvent.Status) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
