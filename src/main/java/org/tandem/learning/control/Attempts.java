package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.AttemptCompleted;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/** Attempts: always found through the learner they belong to, so one learner never reaches another's. */
@ApplicationScoped
public class Attempts {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Event<AttemptCompleted> completed;

    Clock clock = Clock.systemUTC();

    public Attempts() {
    }

    public Attempts(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** For tests outside a container, with the observers of completions. */
    public Attempts(EntityManager em, Clock clock, Event<AttemptCompleted> completed) {
        this(em, clock);
        this.completed = completed;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The attempt with this id if, and only if, it belongs to this learner (tenant, course and person). */
    public Optional<Attempt> of(Learner learner, long attemptId) {
        return Optional.ofNullable(em.find(Attempt.class, attemptId)).filter(a -> a.belongsTo(learner));
    }

    /** The learner's attempts at an activity, newest first. */
    public List<Attempt> at(Learner learner, ActivityKind kind, String activityId, Optional<Phase> phase) {
        return em.createQuery("select a from Attempt a where a.platformId = :platform and a.deploymentId = :deployment "
                        + "and a.contextId = :context and a.subject = :subject and a.kind = :kind and a.activityId = :activity "
                        + "order by a.startedAt desc, a.id desc", Attempt.class)
                .setParameter("platform", learner.platformId()).setParameter("deployment", learner.deploymentId())
                .setParameter("context", learner.contextId()).setParameter("subject", learner.subject())
                .setParameter("kind", kind).setParameter("activity", activityId)
                .getResultStream().filter(a -> phase.isEmpty() || a.phase().equals(phase)).toList();
    }

    public Optional<Attempt> latest(Learner learner, ActivityKind kind, String activityId, Optional<Phase> phase) {
        return at(learner, kind, activityId, phase).stream().findFirst();
    }

    public Attempt start(Attempt attempt) {
        em.persist(attempt);
        em.flush();
        return attempt;
    }

    /**
     * Completes the attempt and tells the observers (the gradebook) in the same transaction, so a
     * result is never saved without its score event, nor the other way round.
     */
    public void complete(Attempt attempt, String finalState, double score) {
        attempt.complete(finalState, score, clock.instant());
        em.flush();
        completed.fire(new AttemptCompleted(attempt));
    }

    /**
     * Each learner's latest attempt at an activity in one course (platform, deployment, context),
     * by subject: what a trainer's progress view shows.
     */
    public java.util.Map<String, Attempt> latestPerLearner(Learner course, ActivityRef activity) {
        java.util.Map<String, Attempt> latest = new java.util.LinkedHashMap<>();
        em.createQuery("select a from Attempt a where a.platformId = :platform and a.deploymentId = :deployment "
                        + "and a.contextId = :context and a.kind = :kind and a.activityId = :activity "
                        + "order by a.startedAt desc, a.id desc", Attempt.class)
                .setParameter("platform", course.platformId()).setParameter("deployment", course.deploymentId())
                .setParameter("context", course.contextId()).setParameter("kind", activity.kind())
                .setParameter("activity", activity.id())
                .getResultStream().filter(a -> a.phase().equals(activity.phase()))
                .forEach(a -> latest.putIfAbsent(a.subject(), a));
        return latest;
    }

    /** Each learner's latest <em>completed</em> attempt at an activity in one course, by subject. */
    public java.util.Map<String, Attempt> latestCompletedPerLearner(Learner course, ActivityRef activity) {
        java.util.Map<String, Attempt> latest = new java.util.LinkedHashMap<>();
        em.createQuery("select a from Attempt a where a.platformId = :platform and a.deploymentId = :deployment "
                        + "and a.contextId = :context and a.kind = :kind and a.activityId = :activity "
                        + "and a.status = :completed order by a.completedAt desc, a.id desc", Attempt.class)
                .setParameter("platform", course.platformId()).setParameter("deployment", course.deploymentId())
                .setParameter("context", course.contextId()).setParameter("kind", activity.kind())
                .setParameter("activity", activity.id()).setParameter("completed", Attempt.Status.COMPLETED)
                .getResultStream().filter(a -> a.phase().equals(activity.phase()))
                .forEach(a -> latest.putIfAbsent(a.subject(), a));
        return latest;
    }

    /**
     * Each learner's completed attempts at an activity in one course, by subject, in the order
     * they were completed: what a graded link chooses its grade from.
     */
    public java.util.Map<String, List<Attempt>> completedPerLearner(Learner course, ActivityRef activity) {
        java.util.Map<String, List<Attempt>> completed = new java.util.LinkedHashMap<>();
        em.createQuery("select a from Attempt a where a.platformId = :platform and a.deploymentId = :deployment "
                        + "and a.contextId = :context and a.kind = :kind and a.activityId = :activity "
                        + "and a.status = :completed order by a.completedAt, a.id", Attempt.class)
                .setParameter("platform", course.platformId()).setParameter("deployment", course.deploymentId())
                .setParameter("context", course.contextId()).setParameter("kind", activity.kind())
                .setParameter("activity", activity.id()).setParameter("completed", Attempt.Status.COMPLETED)
                .getResultStream().filter(a -> a.phase().equals(activity.phase()))
                .forEach(a -> completed.computeIfAbsent(a.subject(), k -> new java.util.ArrayList<>()).add(a));
        return completed;
    }

    /** Writes pending changes now, so a concurrent change to the same attempt fails here (optimistic lock). */
    public void flush() {
        em.flush();
    }

    /**
     * The latest completed attempt at a scenario of each other learner of one group in this
     * deployment: the material for the aggregated "how the other group chose" debrief. Part of
     * the activity itself (not evaluation), and shown only above the minimum group size.
     */
    public List<Attempt> completedScenarioAttempts(Learner learner, String scenarioId, ProfessionalGroup group) {
        List<Attempt> all = em.createQuery("select a from Attempt a where a.platformId = :platform "
                        + "and a.deploymentId = :deployment and a.kind = :kind and a.activityId = :activity "
                        + "and a.status = :completed and a.group = :group and a.subject <> :subject "
                        + "order by a.completedAt desc, a.id desc", Attempt.class)
                .setParameter("platform", learner.platformId()).setParameter("deployment", learner.deploymentId())
                .setParameter("kind", ActivityKind.SCENARIO).setParameter("activity", scenarioId)
                .setParameter("completed", Attempt.Status.COMPLETED).setParameter("group", group)
                .setParameter("subject", learner.subject())
                .setMaxResults(20000).getResultList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        return all.stream().filter(a -> seen.add(a.subject())).toList();
    }
}
