package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/** Attempts: always found through the learner they belong to, so one learner never reaches another's. */
@ApplicationScoped
public class Attempts {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public Attempts() {
    }

    public Attempts(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
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
