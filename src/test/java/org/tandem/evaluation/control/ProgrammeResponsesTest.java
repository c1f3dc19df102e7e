package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.PackSource;
import org.tandem.evaluation.SimulatedCohort;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * Evaluation's reads and writes on both databases Tandem supports (the embedded H2 and a real
 * PostgreSQL), migrated by the real scripts: the responses of one tenant and course, the
 * pseudonym key and the audit trail.
 */
class ProgrammeResponsesTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    static final byte[] KEY = "a key of this installation, 32 b".getBytes(StandardCharsets.UTF_8);

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    /** The starter pack under an id of its own, so no other test's starter pack gets in the way. */
    static ContentPack pack() {
        ContentPack starter = new PackReader().readClasspath("content/starter");
        return new ContentPack("eval-" + UUID.randomUUID().toString().substring(0, 8), 1, starter.title(), starter.description(),
                starter.modules(), starter.scenarios(), starter.instruments());
    }

    static long newPlatform() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    static void profile(EntityManager em, long platform, String deployment, String subject, ProfessionalGroup group, Boolean consent) {
        em.createNativeQuery("INSERT INTO learner_profile (id, platform_id, deployment_id, subject, professional_group, group_source, "
                        + "consent, consent_at, created_at) VALUES (nextval('learner_profile_seq'), ?1, ?2, ?3, ?4, 'LAUNCH', ?5, ?6, ?6)")
                .setParameter(1, platform).setParameter(2, deployment).setParameter(3, subject)
                .setParameter(4, group == null ? null : group.name()).setParameter(5, consent)
                .setParameter(6, OffsetDateTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    static void attempt(EntityManager em, long platform, String deployment, String context, String subject, String kind,
                        String activity, Phase phase, ContentPack pack, int packVersion, boolean completed, String state,
                        Instant at, ProfessionalGroup group) {
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        // typed NULLs are spelled out: PostgreSQL refuses an untyped null parameter for a number or timestamp
        em.createNativeQuery("INSERT INTO attempt (id, platform_id, deployment_id, context_id, subject, professional_group, "
                        + "activity_kind, activity_id, phase, pack_id, pack_version, status, state_json, score, started_at, updated_at, "
                        + "completed_at, lock_version) VALUES (nextval('attempt_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                        + (completed ? "1.0" : "NULL") + ", ?13, ?13, " + (completed ? "?13" : "NULL") + ", 1)")
                .setParameter(1, platform).setParameter(2, deployment).setParameter(3, context).setParameter(4, subject)
                .setParameter(5, group == null ? null : group.name()).setParameter(6, kind).setParameter(7, activity)
                .setParameter(8, phase == null ? null : phase.name()).setParameter(9, pack.id()).setParameter(10, packVersion)
                .setParameter(11, completed ? "COMPLETED" : "IN_PROGRESS").setParameter(12, state).setParameter(13, when)
                .executeUpdate();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void readsOnlyTheCompletedAssessmentsOfTheTenantAndCourse(Database db) {
        ContentPack pack = pack();
        Instrument relationship = pack.instrument("relationship").orElseThrow();
        SimulatedCohort cohort = new SimulatedCohort(relationship, 3);
        List<SimulatedCohort.Learner> people = cohort.learners("s", 2, 2, 0);
        SimulatedCohort.Learner m1 = people.get(0);
        SimulatedCohort.Learner m2 = people.get(1);
        SimulatedCohort.Learner c1 = people.get(2);
        SimulatedCohort.Learner c2 = people.get(3);
        long platform = newPlatform();
        Instant pre = SimulatedCohort.PRE_AT;
        Instant post = SimulatedCohort.POST_AT;
        db.inTransaction(em -> {
            new Catalogue(em, CLOCK).importPack(pack, PackSource.UPLOAD);
            profile(em, platform, "dep-a", m1.subject(), ProfessionalGroup.MANAGER, true);
            profile(em, platform, "dep-a", m2.subject(), ProfessionalGroup.MANAGER, true);
            profile(em, platform, "dep-a", c1.subject(), ProfessionalGroup.CLINICIAN, false);
            profile(em, platform, "dep-b", m1.subject(), ProfessionalGroup.CLINICIAN, true);
            // deployment A, course X: m1 matched, c1 declined consent, m2 post still in progress
            for (SimulatedCohort.Learner l : List.of(m1, c1, m2)) {
                attempt(em, platform, "dep-a", "course-x", l.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                        cohort.state(l, Phase.PRE), pre, ProfessionalGroup.MANAGER);
            }
            for (SimulatedCohort.Learner l : List.of(m1, c1)) {
                attempt(em, platform, "dep-a", "course-x", l.subject(), "ASSESSMENT", "relationship", Phase.POST, pack, 1, true,
                        cohort.state(l, Phase.POST), post, null);
            }
            attempt(em, platform, "dep-a", "course-x", m2.subject(), "ASSESSMENT", "relationship", Phase.POST, pack, 1, false,
                    "{}", post, null);
            // c2 has no profile: the group the attempt started in counts, and no consent
            attempt(em, platform, "dep-a", "course-x", c2.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    cohort.state(c2, Phase.PRE), pre, ProfessionalGroup.CLINICIAN);
            // not read: another activity, another instrument, another course, another deployment, another platform
            attempt(em, platform, "dep-a", "course-x", m1.subject(), "SCENARIO", "relationship", null, pack, 1, true,
                    "{\"choices\":[]}", post, null);
            attempt(em, platform, "dep-a", "course-x", m1.subject(), "ASSESSMENT", "other-instrument", Phase.PRE, pack, 1, true,
                    "{}", post, null);
            attempt(em, platform, "dep-a", "course-y", m1.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    cohort.state(m1, Phase.PRE), pre, null);
            attempt(em, platform, "dep-b", "course-x", m1.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    cohort.state(m1, Phase.PRE), pre, null);
            attempt(em, platform + 1, "dep-a", "course-x", m1.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    cohort.state(m1, Phase.PRE), pre, null);
            // unreadable: a pack version that is not installed, and answers off the scale
            attempt(em, platform, "dep-a", "course-x", "s-gone", "ASSESSMENT", "relationship", Phase.PRE, pack, 99, true,
                    "{}", pre, null);
            attempt(em, platform, "dep-a", "course-x", "s-odd", "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    "{\"answers\":{\"trust-1\":9}}", pre, null);
            return null;
        });

        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        CollectedResponses course = db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .collect(EvaluationScope.course(platform, "dep-a", "course-x"), "relationship"));

        assertThat(course.unreadable()).isEqualTo(2);
        assertThat(course.instruments()).containsOnlyKeys(PackJson.identity(relationship));
        assertThat(course.responses()).hasSize(6);
        Pseudonyms.InDeployment keys = pseudonyms.in(platform, "dep-a");
        Response m1Post = only(course.responses(), keys.of(m1.subject()), Phase.POST);
        assertThat(m1Post.group()).isEqualTo(ProfessionalGroup.MANAGER);
        assertThat(m1Post.consented()).isTrue();
        assertThat(m1Post.submitted()).isEqualTo(post);
        assertThat(m1Post.answers()).isEqualTo(cohort.answers(m1, Phase.POST).answers());
        assertThat(m1Post.thenAnswers()).hasSize(relationship.items().size());
        assertThat(m1Post.outlook()).isPresent();
        assertThat(only(course.responses(), keys.of(c1.subject()), Phase.PRE).consented()).as("consent declined since").isFalse();
        Response c2Pre = only(course.responses(), keys.of(c2.subject()), Phase.PRE);
        assertThat(c2Pre.group()).isEqualTo(ProfessionalGroup.CLINICIAN);
        assertThat(c2Pre.consented()).isFalse();
        assertThat(course.responses()).extracting(Response::learnerKey).allMatch(key -> key.matches("p-[0-9a-f]{12}"))
                .doesNotContain(m1.subject(), c1.subject());

        Matching matching = Matching.of(course.responses());
        assertThat(matching.matched()).isEqualTo(1);
        assertThat(matching.preOnly()).isEqualTo(1);
        assertThat(matching.excludedNoConsent()).isEqualTo(2);

        CollectedResponses programme = db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .collect(EvaluationScope.programme(platform, "dep-a"), "relationship"));
        assertThat(programme.responses()).hasSize(7);
        CollectedResponses other = db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .collect(EvaluationScope.programme(platform, "dep-b"), "relationship"));
        assertThat(other.responses()).hasSize(1);
        assertThat(other.responses().get(0).learnerKey()).as("the same person is another pseudonym in another deployment")
                .isNotEqualTo(keys.of(m1.subject())).isEqualTo(pseudonyms.of(platform, "dep-b", m1.subject()));
        assertThat(other.responses().get(0).group()).isEqualTo(ProfessionalGroup.CLINICIAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listsEveryInstrumentAnsweredInTheScopeWithItsCount(Database db) {
        ContentPack pack = pack();
        Instrument relationship = pack.instrument("relationship").orElseThrow();
        SimulatedCohort cohort = new SimulatedCohort(relationship, 4);
        long platform = newPlatform();
        db.inTransaction(em -> {
            new Catalogue(em, CLOCK).importPack(pack, PackSource.UPLOAD);
            for (SimulatedCohort.Learner l : cohort.learners("a", 2, 1, 0)) {
                attempt(em, platform, "dep-a", "course-x", l.subject(), "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                        cohort.state(l, Phase.PRE), SimulatedCohort.PRE_AT, null);
            }
            attempt(em, platform, "dep-a", "course-y", "s-y", "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    cohort.state(cohort.learners("y", 1, 0, 0).get(0), Phase.PRE), SimulatedCohort.PRE_AT, null);
            // not counted: unfinished, not an assessment, another deployment
            attempt(em, platform, "dep-a", "course-x", "s-open", "ASSESSMENT", "relationship", Phase.POST, pack, 1, false,
                    "{}", SimulatedCohort.POST_AT, null);
            attempt(em, platform, "dep-a", "course-x", "s-play", "SCENARIO", "friday", null, pack, 1, true, "{}",
                    SimulatedCohort.POST_AT, null);
            attempt(em, platform, "dep-b", "course-x", "s-b", "ASSESSMENT", "relationship", Phase.PRE, pack, 1, true,
                    "{}", SimulatedCohort.PRE_AT, null);
            return null;
        });
        Pseudonyms pseudonyms = new Pseudonyms(KEY);

        AnsweredInstruments course = db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .answered(EvaluationScope.course(platform, "dep-a", "course-x")));
        AnsweredInstruments programme = db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .answered(EvaluationScope.programme(platform, "dep-a")));

        assertThat(course.all()).singleElement().satisfies(answered -> {
            assertThat(answered.identity()).isEqualTo(PackJson.identity(relationship));
            assertThat(answered.responses()).isEqualTo(3);
            assertThat(answered.packId()).isEqualTo(pack.id());
        });
        assertThat(programme.all()).singleElement().extracting(AnsweredInstrument::responses).isEqualTo(4L);
        assertThat(db.inTransaction(em -> new ProgrammeResponses(em, new Catalogue(em, CLOCK), pseudonyms)
                .answered(EvaluationScope.programme(platform + 1, "dep-a"))).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void remembersEachEvaluatorsChoicePerScope(Database db) {
        long platform = newPlatform();
        EvaluationScope course = EvaluationScope.course(platform, "dep-a", "course-x");
        EvaluationScope programme = EvaluationScope.programme(platform, "dep-a");
        InstrumentIdentity teamwork = new InstrumentIdentity("teamwork", 1, "a".repeat(64));
        InstrumentIdentity relationship = new InstrumentIdentity("relationship", 2, "b".repeat(64));

        db.inTransaction(em -> {
            RememberedInstruments remembered = new RememberedInstruments(em, CLOCK);
            remembered.remember(course, "p-000000000001", teamwork);
            remembered.remember(programme, "p-000000000001", relationship);
            remembered.remember(course, "p-000000000001", relationship);
            remembered.remember(course, "p-000000000002", teamwork);
            return null;
        });

        db.inTransaction(em -> {
            RememberedInstruments remembered = new RememberedInstruments(em, CLOCK);
            assertThat(remembered.find(course, "p-000000000001")).as("the later choice replaces the earlier").hasValue(relationship);
            assertThat(remembered.find(programme, "p-000000000001")).hasValue(relationship);
            assertThat(remembered.find(course, "p-000000000002")).hasValue(teamwork);
            assertThat(remembered.find(EvaluationScope.course(platform, "dep-a", "course-y"), "p-000000000001")).isEmpty();
            assertThat(remembered.find(EvaluationScope.course(platform, "dep-b", "course-x"), "p-000000000001")).isEmpty();
            return null;
        });
    }

    private static Response only(List<Response> responses, String key, Phase phase) {
        List<Response> found = responses.stream().filter(r -> r.learnerKey().equals(key) && r.phase() == phase).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsOnePseudonymKeyPerInstallation(Database db) {
        String first = db.inTransaction(em -> new Pseudonyms(new Secrets(em, CLOCK)).of(5, "dep", "learner"));
        String again = db.inTransaction(em -> new Pseudonyms(new Secrets(em, CLOCK)).of(5, "dep", "learner"));
        assertThat(again).as("read back from tandem_secret").isEqualTo(first).matches("p-[0-9a-f]{12}");
        String stored = db.inTransaction(em -> new Secrets(em, CLOCK).find(Pseudonyms.KEY_NAME)).orElseThrow();
        assertThat(java.util.Base64.getDecoder().decode(stored)).hasSize(32);
        assertThat(first).isEqualTo(new Pseudonyms(java.util.Base64.getDecoder().decode(stored)).of(5, "dep", "learner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void recordsAuditEventsNewestFirst(Database db) {
        long platform = newPlatform();
        db.inTransaction(em -> {
            AuditLog audit = new AuditLog(em, CLOCK);
            audit.record(platform, "dep-a", "p-000000000001", "evaluation.export.csv", "instrument relationship version 1, 18 rows");
            CLOCK.advance(java.time.Duration.ofMinutes(1));
            audit.record(platform, "dep-b", "p-000000000002", "evaluation.export.json", "x".repeat(3000));
            return null;
        });
        List<AuditEvent> events = db.inTransaction(em -> new AuditLog(em, CLOCK).recent(10, Optional.of(platform)));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).action()).isEqualTo("evaluation.export.json");
        assertThat(events.get(0).detail()).hasSize(2000);
        AuditEvent csv = events.get(1);
        assertThat(csv.platformId()).isEqualTo(platform);
        assertThat(csv.deploymentId()).isEqualTo("dep-a");
        assertThat(csv.actor()).isEqualTo("p-000000000001");
        assertThat(csv.detail()).contains("18 rows");
        assertThat(csv.occurredAt()).isBefore(events.get(0).occurredAt());
        List<AuditEvent> newest = db.inTransaction(em -> new AuditLog(em, CLOCK).recent(1, Optional.empty()));
        assertThat(newest).hasSize(1);
    }

}
