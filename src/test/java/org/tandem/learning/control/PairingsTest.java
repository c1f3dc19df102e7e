package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.learning.control.Pairing.UnpairedReason;
import org.tandem.learning.entity.Course;
import org.tandem.learning.entity.CourseLearner;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.learning.entity.ShadowingEntry;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * Pairs and the shadowing log on both databases Tandem supports: saved pairs with their version,
 * a save from a page drawn before another trainer's save is refused, and shadowing entries are
 * seen and confirmed only inside the pair.
 */
class PairingsTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    /** The course's learners as the roster would list them; tests change it between steps. */
    final List<CourseLearner> roster = new ArrayList<>();

    static Course newCourse() {
        return new Course(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2), "d1",
                "course-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private Pairings pairings(EntityManager em) {
        return new Pairings(em, course -> List.copyOf(roster), new LearnerProfiles(em, CLOCK), CLOCK);
    }

    /** Learners on the roster who told Tandem their group. */
    private void learners(Database db, Course course, Map<String, ProfessionalGroup> groups) {
        db.inTransaction(em -> {
            LearnerProfiles profiles = new LearnerProfiles(em, CLOCK);
            groups.forEach((subject, group) -> {
                profiles.answer(profiles.forLaunch(course.learner(subject), Optional.empty()), Optional.of(group), Optional.of(true));
                roster.add(new CourseLearner(subject, "Name " + subject, true));
            });
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void savesAutomaticPairsAndReadsThemBackWithTheRosterAsItIsNow(Database db) {
        Course course = newCourse();
        learners(db, course, Map.of("m1", ProfessionalGroup.MANAGER, "m2", ProfessionalGroup.MANAGER,
                "c1", ProfessionalGroup.CLINICIAN, "c2", ProfessionalGroup.CLINICIAN, "c3", ProfessionalGroup.CLINICIAN));
        roster.add(new CourseLearner("quiet", "Quinn (not opened Tandem)", true));

        CoursePairs made = db.inTransaction(em -> pairings(em).automatic(course, 0, "Tess Trainer", 7));

        assertThat(made.version()).isPositive();
        assertThat(made.pairing().pairs()).hasSize(2).allSatisfy(p -> assertThat(p.isMixed()).isTrue());
        assertThat(made.pairing().pairs()).as("the odd clinician joins a pair: a trio").anySatisfy(p -> assertThat(p.size()).isEqualTo(3));
        assertThat(made.groupUnknown()).extracting(CourseLearner::subject).containsExactly("quiet");

        roster.replaceAll(l -> l.subject().equals("m1") ? new CourseLearner("m1", "Name m1", false) : l);
        learners(db, course, Map.of("late", ProfessionalGroup.MANAGER));
        CoursePairs now = db.inTransaction(em -> pairings(em).current(course));

        assertThat(now.version()).isEqualTo(made.version());
        assertThat(now.updatedBy()).contains("Tess Trainer");
        assertThat(now.departed()).extracting(CoursePairs.Departed::subject).containsExactly("m1");
        assertThat(now.unpairedReason("late")).contains(UnpairedReason.JOINED_AFTER_PAIRING);
        assertThat(now.pairing().contains("m1")).isFalse();
        Course otherCourse = new Course(course.platformId(), course.deploymentId(), course.contextId() + "-other");
        assertThat(db.inTransaction(em -> pairings(em).current(otherCourse)).made()).as("tenant-scoped").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesASaveFromAPageDrawnBeforeAnotherTrainersSave(Database db) {
        Course course = newCourse();
        learners(db, course, Map.of("m1", ProfessionalGroup.MANAGER, "c1", ProfessionalGroup.CLINICIAN,
                "m2", ProfessionalGroup.MANAGER, "c2", ProfessionalGroup.CLINICIAN));
        int drawn = db.inTransaction(em -> pairings(em).automatic(course, 0, "Tess", 1)).version();
        // Tess splits a pair; Uma's page still shows the version before
        int afterTess = db.inTransaction(em -> pairings(em).edit(course, drawn, new PairingEdit.Split("m1"), "Tess")).version();
        assertThat(afterTess).isGreaterThan(drawn);

        assertThatThrownBy(() -> db.inTransaction(em -> pairings(em).edit(course, drawn, new PairingEdit.Split("m2"), "Uma")))
                .isInstanceOf(PairsChanged.class).hasMessageContaining("Someone else changed the pairs").hasMessageContaining("Tess");
        CoursePairs now = db.inTransaction(em -> pairings(em).current(course));
        assertThat(now.version()).isEqualTo(afterTess);
        assertThat(now.pairing().pairOf("m2")).as("Uma's edit was not saved").isPresent();
        assertThat(now.unpairedReason("m1")).contains(UnpairedReason.SPLIT_BY_TRAINER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesTheSecondOfTwoSavesFromTheSameVersionRacingToCommit(Database db) {
        Course course = newCourse();
        learners(db, course, Map.of("m1", ProfessionalGroup.MANAGER, "c1", ProfessionalGroup.CLINICIAN,
                "m2", ProfessionalGroup.MANAGER, "c2", ProfessionalGroup.CLINICIAN));
        int drawn = db.inTransaction(em -> pairings(em).automatic(course, 0, "Tess", 1)).version();
        EntityManager tess = db.emf().createEntityManager();
        EntityManager uma = db.emf().createEntityManager();
        try {
            tess.getTransaction().begin();
            uma.getTransaction().begin();
            pairings(tess).edit(course, drawn, new PairingEdit.Split("m1"), "Tess");
            // Uma read the same version before Tess committed
            Pairings umas = pairings(uma);
            umas.current(course);
            tess.getTransaction().commit();
            assertThatThrownBy(() -> umas.edit(course, drawn, new PairingEdit.Split("m2"), "Uma")).isInstanceOf(PairsChanged.class);
        } finally {
            for (EntityManager em : List.of(tess, uma)) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
        assertThat(db.inTransaction(em -> pairings(em).current(course)).pairing().pairOf("m2")).isPresent();
    }

    private static List<ShadowingEntry> visible(Database db, org.tandem.learning.entity.Learner learner) {
        return db.inTransaction(em -> new ShadowingLog(em, CLOCK).visibleTo(learner));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void showsAShadowingEntryOnlyInsideThePairAndLetsOnlyThePartnerConfirmIt(Database db) {
        Course course = newCourse();
        ShadowingEntry written = db.inTransaction(em -> new ShadowingLog(em, CLOCK).write(course.learner("m1"), Set.of("c1"),
                LocalDate.of(2026, 5, 1), "Bed meeting, ward 7", "Safe staffing comes before the budget line for her."));

        assertThat(visible(db, course.learner("c1")))
                .extracting(ShadowingEntry::id).containsExactly(written.id());
        assertThat(visible(db, course.learner("m1"))).hasSize(1);
        assertThat(visible(db, course.learner("c2"))).as("another pair").isEmpty();
        Course other = new Course(course.platformId(), course.deploymentId(), "elsewhere");
        assertThat(visible(db, other.learner("c1"))).as("another course").isEmpty();

        assertThatThrownBy(() -> db.inTransaction(em -> new ShadowingLog(em, CLOCK).confirm(course.learner("m1"), written.id(), Set.of("c1"))))
                .isInstanceOf(ShadowingRefused.class).hasMessageContaining("You wrote this entry");
        assertThatThrownBy(() -> db.inTransaction(em -> new ShadowingLog(em, CLOCK).confirm(course.learner("c2"), written.id(), Set.of("m1"))))
                .isInstanceOf(ShadowingRefused.class).hasMessageContaining("no such entry");
        assertThatThrownBy(() -> db.inTransaction(em -> new ShadowingLog(em, CLOCK).confirm(course.learner("c1"), written.id(), Set.of("m2"))))
                .isInstanceOf(ShadowingRefused.class).hasMessageContaining("no longer paired");

        CLOCK.advance(Duration.ofHours(1));
        db.inTransaction(em -> new ShadowingLog(em, CLOCK).confirm(course.learner("c1"), written.id(), Set.of("m1")));

        ShadowingEntry confirmed = visible(db, course.learner("m1")).get(0);
        assertThat(confirmed.confirmedBy()).contains("c1");
        assertThat(confirmed.confirmedAt()).contains(CLOCK.instant());
        assertThat(confirmed.shadowedOn()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThatThrownBy(() -> db.inTransaction(em -> new ShadowingLog(em, CLOCK).confirm(course.learner("c1"), written.id(), Set.of("m1"))))
                .hasMessageContaining("already confirmed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesShadowingEntriesThatCannotBeRight(Database db) {
        Course course = newCourse();
        ShadowingLog log = new ShadowingLog(null, CLOCK);
        LocalDate today = LocalDate.of(2026, 5, 4);

        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of(), today, "Ward", "x")).hasMessageContaining("not in a pair");
        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of("c1"), today.plusDays(3), "Ward", "x")).hasMessageContaining("future");
        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of("c1"), today.minusYears(3), "Ward", "x")).hasMessageContaining("year");
        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of("c1"), today, " ", "x")).hasMessageContaining("setting");
        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of("c1"), today, "Ward", "")).hasMessageContaining("what you learned");
        assertThatThrownBy(() -> log.write(course.learner("m1"), Set.of("c1"), today, "Ward", "x".repeat(4001))).hasMessageContaining("4000");
        assertThat(visible(db, course.learner("m1"))).isEmpty();
    }
}
