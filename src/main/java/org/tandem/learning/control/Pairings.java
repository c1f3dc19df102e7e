package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.CourseLearner;
import org.tandem.learning.entity.CoursePairing;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The pairs of a course: the only way to course_pairing rows. Every read reconciles the stored
 * pairs with the roster as it is now ({@link CoursePairs}); every save names the version it was
 * made from and is refused with {@link PairsChanged} when the pairs moved on since.
 */
@ApplicationScoped
public class Pairings {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    CourseLearners learners;

    @Inject
    LearnerProfiles profiles;

    Clock clock = Clock.systemUTC();

    public Pairings() {
    }

    /** For tests outside a container. */
    public Pairings(EntityManager em, CourseLearners learners, LearnerProfiles profiles, Clock clock) {
        this.em = em;
        this.learners = learners;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The course's pairs now. */
    public CoursePairs current(Course course) {
        return reconcile(course, find(course));
    }

    /** Replaces the pairs with a balanced automatic pairing of the learners whose group is known. */
    public CoursePairs automatic(Course course, int expectedVersion, String by, long seed) {
        return save(course, expectedVersion, by, pairs -> Pairing.automatic(pairs.pairing().members(), seed));
    }

    /** Applies one manual edit; throws {@link PairingEditRefused} with the reason when it cannot be made. */
    public CoursePairs edit(Course course, int expectedVersion, PairingEdit edit, String by) {
        return save(course, expectedVersion, by, pairs -> edit.applyTo(pairs.pairing()));
    }

    private CoursePairs save(Course course, int expectedVersion, String by,
                             Function<CoursePairs, Pairing> change) {
        Optional<CoursePairing> stored = find(course);
        int actual = stored.map(CoursePairing::version).orElse(0);
        if (actual != expectedVersion) {
            throw changedMeanwhile(stored);
        }
        Pairing next = change.apply(reconcile(course, stored));
        CoursePairing pairing = stored.orElseGet(() -> {
            CoursePairing created = new CoursePairing(course, clock.instant());
            em.persist(created);
            return created;
        });
        pairing.replace(CoursePairs.seats(next), by, clock.instant());
        try {
            // the version check of the row happens here: a save that committed since this one read fails now
            em.flush();
        } catch (PersistenceException e) {
            throw changedMeanwhile(Optional.empty());
        }
        return reconcile(course, Optional.of(pairing));
    }

    private static PairsChanged changedMeanwhile(Optional<CoursePairing> stored) {
        String who = stored.flatMap(CoursePairing::updatedBy).map(name -> " (by " + name + ")").orElse("");
        return new PairsChanged("Someone else changed the pairs" + who + " after this page was opened, so your change was"
                + " not saved. Look at the pairs as they are now and make your change again if it is still needed.");
    }

    private CoursePairs reconcile(Course course, Optional<CoursePairing> stored) {
        List<CourseLearner> known = learners.of(course);
        Map<String, ProfessionalGroup> groups = profiles.groups(course, known.stream().map(CourseLearner::subject).toList());
        return CoursePairs.reconcile(stored, known, groups);
    }

    private Optional<CoursePairing> find(Course course) {
        return em.createQuery("select p from CoursePairing p where p.platformId = :p and p.deploymentId = :d "
                        + "and p.contextId = :c", CoursePairing.class)
                .setParameter("p", course.platformId()).setParameter("d", course.deploymentId())
                .setParameter("c", course.contextId()).getResultStream().findFirst();
    }
}
