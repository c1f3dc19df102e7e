package org.tandem.paired.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * News of pair sessions between Tandem instances on one PostgreSQL: {@code NOTIFY} in the
 * transaction that stores a move (PostgreSQL delivers it only if and when that transaction
 * commits), {@code LISTEN} on a connection of each instance's own. A notification says only
 * "session n has m moves now"; browsers read the state from the database, so a lost notification
 * costs a late update, never wrong state. When the listening connection fails, the listener
 * reconnects and reports {@link #EVERY_SESSION} so that every open page reads its state again.
 */
public final class PairNotifications {

    public static final String CHANNEL = "tandem_paired";
    /** Reported after the listening connection was lost and found again: anything may have changed. */
    public static final long EVERY_SESSION = -1;

    private static final Logger LOG = Logger.getLogger(PairNotifications.class.getName());

    private PairNotifications() {
    }

    /** The payload of a session's news. */
    public static String payload(long sessionId, int moves) {
        return sessionId + ":" + moves;
    }

    /** Sends the news on this connection, inside its transaction (delivered on commit, dropped on rollback). */
    public static void notify(Connection connection, long sessionId, int moves) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, payload(sessionId, moves));
            notify.execute();
        }
    }

    /** News heard: the session and its number of moves. */
    public record News(long sessionId, int moves) {

        static News parse(String payload) {
            String[] parts = payload.split(":");
            return new News(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    /** Listens on a connection of its own until closed; run it on a thread of its own. */
    public static final class Listener implements Runnable, AutoCloseable {

        private final DataSource dataSource;
        private final Consumer<News> heard;
        private volatile boolean open = true;
        private volatile boolean listening;

        public Listener(DataSource dataSource, Consumer<News> heard) {
            this.dataSource = dataSource;
            this.heard = heard;
        }

        /** Whether the LISTEN is in place now (tests wait for it before notifying). */
        public boolean listening() {
            return listening;
        }

        @Override
        public void run() {
            boolean lost = false;
            while (open) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(true);
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    listening = true;
                    if (lost) {
                        heard.accept(new News(EVERY_SESSION, 0));
                        lost = false;
                    }
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    while (open) {
                        PGNotification[] notifications = pg.getNotifications(1000);
                        if (notifications != null) {
                            for (PGNotification n : notifications) {
                                deliver(n.getParameter());
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    listening = false;
                    if (open) {
                        lost = true;
                        LOG.log(Level.WARNING, "listening for pair session news on PostgreSQL failed; trying again in 2 s", e);
                        pause();
                    }
                }
            }
            listening = false;
        }

        private void deliver(String payload) {
            try {
                heard.accept(News.parse(payload));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pair session news '" + payload + "' could not be delivered", e);
            }
        }

        private void pause() {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                open = false;
            }
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
