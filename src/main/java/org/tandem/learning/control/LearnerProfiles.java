package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.ProfessionalGroup;

/** Learners' professional group and consent, one profile per person and deployment. */
@ApplicationScoped
public class LearnerProfiles {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public LearnerProfiles() {
    }

    public LearnerProfiles(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public Optional<LearnerProfile> find(Learner learner) {
        return em.createQuery("select p from LearnerProfile p where p.platformId = :platform and p.deploymentId = :deployment "
                        + "and p.subject = :subject", LearnerProfile.class)
                .setParameter("platform", learner.platformId()).setParameter("deployment", learner.deploymentId())
                .setParameter("subject", learner.subject()).getResultStream().findFirst();
    }

    /** The professional group of each of these learners who has one, in one query per 500 learners. */
    public Map<String, ProfessionalGroup> groups(Course course, Collection<String> subjects) {
        Map<String, ProfessionalGroup> groups = new HashMap<>();
        List<String> all = List.copyOf(subjects);
        for (int from = 0; from < all.size(); from += 500) {
            em.createQuery("select p from LearnerProfile p where p.platformId = :platform and p.deploymentId = :deployment "
                            + "and p.subject in :subjects and p.group is not null", LearnerProfile.class)
                    .setParameter("platform", course.platformId()).setParameter("deployment", course.deploymentId())
                    .setParameter("subjects", all.subList(from, Math.min(all.size(), from + 500)))
                    .getResultStream().forEach(p -> groups.put(p.subject(), p.group().orElseThrow()));
        }
        return groups;
    }

    /** The profile, created on first sight; a group the launch names is taken over. */
    public LearnerProfile forLaunch(Learner learner, Optional<ProfessionalGroup> groupFromLaunch) {
        LearnerProfile profile = find(learner).orElseGet(() -> {
            LearnerProfile created = new LearnerProfile(learner, clock.instant());
            em.persist(created);
            return created;
        });
        groupFromLaunch.ifPresent(profile::groupFromLaunch);
        return profile;
    }

    public void answer(LearnerProfile profile, Optional<ProfessionalGroup> group, Optional<Boolean> consent) {
        group.ifPresent(profile::groupAnswered);
        consent.ifPresent(c -> profile.consent(c, clock.instant()));
    }
}
