package org.tandem.paired.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.entity.Course;
import org.tandem.lti.testing.MutableClock;
import org.tandem.paired.entity.Move;
import org.tandem.paired.entity.MoveKind;
import org.tandem.paired.entity.PairSession;
import org.tandem.paired.entity.PairedCase;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * Pair sessions on both databases: one session per pair and case (the partner who comes second
 * finds the first one's), moves stored in order and read back after the session is closed, the
 * n-th move stored once only, and no session seen from another course.
 */
class PairSessionsTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    static final PairedCase CASE = new PairedCases().find("closing-beds").orElseThrow();

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    static Course newCourse() {
        return new Course(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2), "d1",
                "course-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void storesASessionAndItsMovesAndReadsThemBackInOrder(Database db) {
        Course course = newCourse();
        PairSession.Seating seating = new PairSession.Seating("priya", "alex", false);
        long id = db.inTransaction(em -> new PairSessions(em, CLOCK).start(new PairSession(course, CASE.id(), CASE.version(), seating,
                CLOCK.instant())).id());
        db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            PairSession session = sessions.lock(course, id).orElseThrow();
            PairPlay play = PairPlay.of(CASE, false, sessions.moves(session));
            sessions.append(session, play.propose(Seat.CLINICIAN, "alex", "ask-own-team", Optional.of("we know the unit"), CLOCK.instant()));
            return null;
        });
        db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            PairSession session = sessions.lock(course, id).orElseThrow();
            sessions.append(session, PairPlay.of(CASE, false, sessions.moves(session)).agree(Seat.MANAGER, "priya", CLOCK.instant()));
            return null;
        });
        db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            assertThat(sessions.seatedIn(course, CASE.id(), "priya")).map(PairSession::id).contains(id);
            assertThat(sessions.find(course, CASE.id(), new PairSession.Seating("alex", "priya", false))).map(PairSession::id)
                    .contains(id);
            PairSession session = sessions.of(course, id).orElseThrow();
            assertThat(sessions.moves(session)).extracting(Move::seq, Move::kind, Move::subject)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, MoveKind.PROPOSED, "alex"),
                            org.assertj.core.groups.Tuple.tuple(2, MoveKind.AGREED, "priya"));
            assertThat(sessions.moves(session).get(0).text()).contains("we know the unit");
            assertThat(PairPlay.of(CASE, false, sessions.moves(session)).settled()).hasSize(1);
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refusesASecondSessionForThePairAndATwiceStoredMove(Database db) {
        Course course = newCourse();
        PairSession.Seating seating = new PairSession.Seating("priya", "alex", false);
        long id = db.inTransaction(em -> new PairSessions(em, CLOCK).start(new PairSession(course, CASE.id(), CASE.version(), seating,
                CLOCK.instant())).id());
        assertThatThrownBy(() -> db.inTransaction(em -> new PairSessions(em, CLOCK).start(new PairSession(course, CASE.id(),
                CASE.version(), new PairSession.Seating("alex", "priya", false), CLOCK.instant())))).isInstanceOf(RuntimeException.class);
        Move first = PairPlay.of(CASE, false, java.util.List.of()).note(Seat.MANAGER, "priya", "hello", CLOCK.instant());
        db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            sessions.append(sessions.lock(course, id).orElseThrow(), first);
            return null;
        });
        assertThatThrownBy(() -> db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            sessions.append(sessions.lock(course, id).orElseThrow(), first);
            return null;
        })).isInstanceOf(RuntimeException.class);
        db.inTransaction(em -> {
            PairSessions sessions = new PairSessions(em, CLOCK);
            assertThat(sessions.of(new Course(course.platformId(), "d1", "another-course"), id)).isEmpty();
            assertThat(sessions.seatedIn(new Course(course.platformId(), "d2", course.contextId()), CASE.id(), "priya")).isEmpty();
            return null;
        });
    }
}
