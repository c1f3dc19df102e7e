package org.tandem.roster.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.access.entity.TandemRole;
import org.tandem.lti.LtiRole;
import org.tandem.lti.nrps.Member;
import org.tandem.lti.nrps.MembershipContainer;
import org.tandem.lti.nrps.Memberships;
import org.tandem.lti.nrps.NrpsException;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.testing.MutableClock;
import org.tandem.roster.control.CourseMembers;
import org.tandem.roster.control.RosterRows;
import org.tandem.roster.control.RosterSync;
import org.tandem.roster.control.Transactions;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.CourseMember;
import org.tandem.roster.entity.CourseRoster;
import org.tandem.roster.entity.SyncReport;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * Roster refreshes on both databases Tandem supports, with the real sync steps and transactions
 * of their own (resource-local here); the platform's membership is what each test hands in, or
 * the failure the NRPS client reports. The client itself is tested over HTTP in MembershipsTest.
 */
class RosterRefreshTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
    static final Set<TandemRole> LEARNER = Set.of(TandemRole.LEARNER);

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    EntityManager em;
    CourseMembers members;
    /** What the platform answers: a membership, or the client's failure. */
    Supplier<MembershipContainer> platform;
    final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void close() {
        if (em != null) {
            em.close();
        }
    }

    /** Tandem's roster on this database: a registered platform and a course whose launches offered NRPS. */
    private RosterRefresh refresh(Database db, CourseKey course) {
        em = db.emf().createEntityManager();
        members = new CourseMembers(em, new RosterRows(em), CLOCK);
        Platforms platforms = new Platforms(em, new PlatformKeySets(uri -> {
            throw new IOException("no fetch expected");
        }, CLOCK), CLOCK);
        Memberships client = new Memberships() {
            @Override
            public MembershipContainer fetch(URI tokenUrl, String clientId, URI membershipsUrl) throws NrpsException {
                fetches.incrementAndGet();
                assertThat(tokenUrl).hasToString("https://lms.example/token");
                try {
                    return platform.get();
                } catch (Failure f) {
                    throw f.nrps;
                }
            }
        };
        return new RosterRefresh(new RosterSync(members, platforms, CLOCK), client, inTransaction(), Runnable::run,
                Duration.ofMinutes(60));
    }

    /** Thrown by a test's platform supplier to stand for the NRPS client's failure. */
    static final class Failure extends RuntimeException {
        final transient NrpsException nrps;

        Failure(NrpsException nrps) {
            this.nrps = nrps;
        }
    }

    private Transactions inTransaction() {
        return new Transactions() {
            @Override
            public <T> T inNew(Supplier<T> work) {
                em.getTransaction().begin();
                try {
                    T result = work.get();
                    em.getTransaction().commit();
                    return result;
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.clear();
                }
            }
        };
    }

    private <T> T tx(Function<EntityManager, T> work) {
        return inTransaction().inNew(() -> work.apply(em));
    }

    /** A platform registered with a token URL and a course whose launch offered the membership service. */
    private CourseKey course(Database db, boolean withMembershipService) {
        EntityManager setup = db.emf().createEntityManager();
        try {
            setup.getTransaction().begin();
            Platforms platforms = new Platforms(setup, new PlatformKeySets(uri -> {
                throw new IOException("no fetch expected");
            }, CLOCK), CLOCK);
            long id = platforms.register(new PlatformRegistration("https://lms-" + UUID.randomUUID() + ".example",
                    "client-1", "Test LMS", "https://lms.example/auth", Optional.of("https://lms.example/token"),
                    "https://lms.example/jwks", DeploymentPolicy.STRICT, Duration.ofSeconds(60)),
                    RegistrationSource.ADMIN, List.of("d1")).id();
            setup.getTransaction().commit();
            CourseKey course = new CourseKey(id, "d1", "course-42");
            if (withMembershipService) {
                tx(e -> {
                    members.roster(course).membershipsUrl("https://lms.example/courses/42/memberships");
                    return null;
                });
            }
            return course;
        } finally {
            setup.close();
        }
    }

    private void launched(CourseKey course, String subject, String name) {
        tx(e -> {
            members.find(course, subject).orElseGet(() -> members.add(course, subject)).launched(name, Optional.of(subject + "@example.org"), LEARNER, CLOCK.instant());
            return null;
        });
    }

    static Member member(String id, String name, Member.Status status, String... roles) {
        return new Member(id, Stream.of(roles).map(LtiRole::parse).collect(Collectors.toSet()), status,
                Optional.ofNullable(name), Optional.empty(), Optional.empty(), Optional.of(id + "@lms.example"));
    }

    static MembershipContainer membership(Optional<String> context, Member... listed) {
        return new MembershipContainer(URI.create("https://lms.example/courses/42/memberships"), context, List.of(listed), 3);
    }

    private Map<String, CourseMember> rows(CourseKey course) {
        return tx(e -> members.all(course).stream().collect(Collectors.toMap(CourseMember::subject, m -> m)));
    }

    private CourseRoster roster(CourseKey course) {
        return tx(e -> members.findRoster(course).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void writesEveryListedMemberAndMarksTheUnlistedAsLeft(Database db) {
        RosterRefresh refresh = refresh(db, null);
        CourseKey course = course(db, true);
        CourseKey otherCourse = new CourseKey(course.platformId(), course.deploymentId(), "course-43");
        launched(course, "ada", "Ada (from her launch)");
        launched(course, "bob", "Bob");
        launched(otherCourse, "bob", "Bob elsewhere");
        platform = () -> membership(Optional.of("course-42"),
                member("ada", "Ada Lovelace", Member.Status.ACTIVE, "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
                member("cat", null, Member.Status.INACTIVE, "Learner"),
                member("dan", "Dan Trainer", Member.Status.ACTIVE, "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"),
                member("eve", "Eve", Member.Status.DELETED, "Learner"));

        SyncReport report = refresh.refresh(course);

        assertThat(report.synced()).as(report.reason()).isTrue();
        assertThat(report.listed()).isEqualTo(3);
        assertThat(report.left()).isEqualTo(1);
        assertThat(report.pages()).isEqualTo(3);
        Map<String, CourseMember> rows = rows(course);
        assertThat(rows).containsOnlyKeys("ada", "bob", "cat", "dan", "eve");
        assertThat(rows.get("ada").displayName()).isEqualTo("Ada Lovelace");
        assertThat(rows.get("ada").email()).contains("ada@lms.example");
        assertThat(rows.get("ada").status()).isEqualTo(CourseMember.Status.ACTIVE);
        assertThat(rows.get("ada").syncedAt()).contains(CLOCK.instant());
        assertThat(rows.get("bob").status()).as("no longer listed").isEqualTo(CourseMember.Status.LEFT);
        assertThat(rows.get("cat").status()).isEqualTo(CourseMember.Status.INACTIVE);
        assertThat(rows.get("cat").displayName()).as("name withheld: the id stands in").isEqualTo("cat");
        assertThat(rows.get("dan").roles()).containsExactly(TandemRole.TRAINER);
        assertThat(rows.get("dan").learner()).isFalse();
        assertThat(rows.get("eve").status()).isEqualTo(CourseMember.Status.LEFT);
        assertThat(roster(course).syncedAt()).contains(CLOCK.instant());
        assertThat(roster(course).syncError()).isEmpty();
        assertThat(rows(otherCourse).get("bob").status()).as("another course is not touched")
                .isEqualTo(CourseMember.Status.ACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsTheOldRosterWhenAPageIsMalformed(Database db) {
        RosterRefresh refresh = refresh(db, null);
        CourseKey course = course(db, true);
        platform = () -> membership(Optional.of("course-42"), member("ada", "Ada", Member.Status.ACTIVE, "Learner"),
                member("bob", "Bob", Member.Status.ACTIVE, "Learner"));
        assertThat(refresh.refresh(course).synced()).isTrue();
        Instant firstSync = CLOCK.instant();
        CLOCK.advance(Duration.ofMinutes(90));
        platform = () -> {
            throw new Failure(new NrpsException(NrpsException.Failure.MALFORMED,
                    "Reading the course membership from lms.example failed: page 2 has no \"members\" array", false, 200, null));
        };

        SyncReport report = refresh.refresh(course);

        assertThat(report.synced()).isFalse();
        assertThat(report.reason()).contains("page 2").contains("left as it was");
        Map<String, CourseMember> rows = rows(course);
        assertThat(rows).containsOnlyKeys("ada", "bob");
        assertThat(rows.values()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(CourseMember.Status.ACTIVE);
            assertThat(m.syncedAt()).contains(firstSync);
        });
        CourseRoster roster = roster(course);
        assertThat(roster.syncedAt()).as("the last good sync is still shown").contains(firstSync);
        assertThat(roster.syncError()).hasValueSatisfying(e -> assertThat(e).contains("page 2"));
        assertThat(roster.syncErrorAt()).contains(CLOCK.instant());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAMembershipOfAnotherContext(Database db) {
        RosterRefresh refresh = refresh(db, null);
        CourseKey course = course(db, true);
        launched(course, "ada", "Ada");
        platform = () -> membership(Optional.of("course-99"), member("zed", "Zed", Member.Status.ACTIVE, "Learner"));

        SyncReport report = refresh.refresh(course);

        assertThat(report.synced()).isFalse();
        assertThat(report.reason()).contains("course-99");
        assertThat(rows(course)).containsOnlyKeys("ada");
        assertThat(rows(course).get("ada").status()).isEqualTo(CourseMember.Status.ACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void saysWhatIsMissingWhenTheCourseOfferedNoMembershipService(Database db) {
        RosterRefresh refresh = refresh(db, null);
        CourseKey course = course(db, false);
        launched(course, "ada", "Ada");

        SyncReport report = refresh.refresh(course);

        assertThat(report.synced()).isFalse();
        assertThat(report.reason()).contains("Names and Role Provisioning Services");
        assertThat(fetches).hasValue(0);
        assertThat(roster(course).syncError()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void launchesRefreshAStaleRosterButNotAFreshOrJustFailedOne(Database db) {
        RosterRefresh refresh = refresh(db, null);
        CourseKey course = course(db, true);
        platform = () -> membership(Optional.empty(), member("ada", "Ada", Member.Status.ACTIVE, "Learner"));

        refresh.refreshIfStale(course);
        assertThat(fetches).as("never synced: stale").hasValue(1);
        CLOCK.advance(Duration.ofMinutes(59));
        refresh.refreshIfStale(course);
        assertThat(fetches).as("fresh").hasValue(1);
        CLOCK.advance(Duration.ofMinutes(2));
        platform = () -> {
            throw new Failure(new NrpsException(NrpsException.Failure.TOKEN_REFUSED, "no access token", false, 401, null));
        };
        refresh.refreshIfStale(course);
        assertThat(fetches).as("stale again").hasValue(2);
        CLOCK.advance(Duration.ofMinutes(1));
        refresh.refreshIfStale(course);
        assertThat(fetches).as("just failed: held back").hasValue(2);
        CLOCK.advance(CourseRoster.RETRY_AFTER_FAILURE);
        refresh.refreshIfStale(course);
        assertThat(fetches).as("tried again after the pause").hasValue(3);
        assertThat(refresh.refresh(course).synced()).as("the trainer's button is never held back").isFalse();
        assertThat(fetches).hasValue(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void startsNoSecondRefreshOfACourseWhileOneRuns(Database db) {
        List<Runnable> queued = new ArrayList<>();
        refresh(db, null);
        CourseKey course = course(db, true);
        RosterRefresh queueing = new RosterRefresh(new RosterSync(members, new Platforms(em, null, CLOCK), CLOCK),
                new Memberships() {
                    @Override
                    public MembershipContainer fetch(URI tokenUrl, String clientId, URI url) {
                        fetches.incrementAndGet();
                        return membership(Optional.empty());
                    }
                }, inTransaction(), queued::add, Duration.ofMinutes(60));

        queueing.refreshIfStale(course);
        queueing.refreshIfStale(course);
        assertThat(queued).as("one task for the course").hasSize(1);
        assertThat(queueing.running(course)).isTrue();
        assertThat(queueing.refresh(course).outcome()).isEqualTo(SyncReport.Outcome.ALREADY_RUNNING);

        queued.get(0).run();

        assertThat(fetches).hasValue(1);
        assertThat(queueing.running(course)).isFalse();
    }
}
