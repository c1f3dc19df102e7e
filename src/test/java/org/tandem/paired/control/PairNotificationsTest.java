package org.tandem.paired.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.entity.Course;
import org.tandem.lti.testing.MutableClock;
import org.tandem.paired.entity.PairSession;
import org.tandem.paired.entity.PairedCase;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * Several instances on one PostgreSQL: two listeners (two instances) hear a move stored by a
 * third, only once its transaction commits, and never a move whose transaction rolled back.
 */
class PairNotificationsTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    static final PairedCase CASE = new PairedCases().find("closing-beds").orElseThrow();

    @Test
    void everyInstanceHearsACommittedMoveAndNoneARolledBackOne() throws Exception {
        Database postgres = TestDatabases.both().filter(d -> d.name().equals("PostgreSQL")).findFirst().orElseThrow();
        DataSource dataSource = (DataSource) postgres.emf().getProperties().get("jakarta.persistence.nonJtaDataSource");
        BlockingQueue<PairNotifications.News> first = new LinkedBlockingQueue<>();
        BlockingQueue<PairNotifications.News> second = new LinkedBlockingQueue<>();
        try (PairNotifications.Listener a = new PairNotifications.Listener(dataSource, first::add);
             PairNotifications.Listener b = new PairNotifications.Listener(dataSource, second::add)) {
            new Thread(a).start();
            new Thread(b).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!(a.listening() && b.listening()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(a.listening() && b.listening()).as("both listeners in place").isTrue();

            Course course = new Course(42_000_000L + System.nanoTime() % 1_000_000, "d1", "course-notify");
            long id = postgres.inTransaction(em -> new PairSessions(em, CLOCK, true).start(new PairSession(course, CASE.id(),
                    CASE.version(), new PairSession.Seating("priya", "alex", false), CLOCK.instant())).id());

            assertThatThrownBy(() -> postgres.inTransaction(em -> {
                PairSessions sessions = new PairSessions(em, CLOCK, true);
                PairSession session = sessions.lock(course, id).orElseThrow();
                sessions.append(session, PairPlay.of(CASE, false, sessions.moves(session)).note(Seat.MANAGER, "priya", "x",
                        CLOCK.instant()));
                throw new IllegalStateException("rolled back after the move was stored");
            })).hasMessageContaining("rolled back");
            assertThat(first.poll(500, TimeUnit.MILLISECONDS)).as("news of a rolled-back move").isNull();

            postgres.inTransaction(em -> {
                PairSessions sessions = new PairSessions(em, CLOCK, true);
                PairSession session = sessions.lock(course, id).orElseThrow();
                sessions.append(session, PairPlay.of(CASE, false, sessions.moves(session)).propose(Seat.CLINICIAN, "alex",
                        "ask-own-team", Optional.empty(), CLOCK.instant()));
                return null;
            });
            assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo(new PairNotifications.News(id, 1));
            assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo(new PairNotifications.News(id, 1));
        }
    }
}
