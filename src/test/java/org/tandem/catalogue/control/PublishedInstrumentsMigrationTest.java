package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.PackSource;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Empty;

/**
 * V11 and V12 on a database that already holds packs, as an installation upgraded from before
 * instrument identities has: the first pack to publish an instrument id and version names its
 * content, a pack that gave the same id and version other content (the collision the check
 * found) is left out, and from then on the catalogue refuses such a pack.
 */
class PublishedInstrumentsMigrationTest {

    static Stream<Empty> databases() {
        return TestDatabases.empty();
    }

    private static void storePack(Connection connection, ContentPack pack, int minute) throws Exception {
        String json = PackJson.toJson(pack);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO content_pack (pack_id, version, title, "
                + "content_json, content_hash, source, imported_at) VALUES (?, ?, ?, ?, ?, 'UPLOAD', ?)")) {
            insert.setString(1, pack.id());
            insert.setInt(2, pack.version());
            insert.setString(3, pack.title());
            insert.setString(4, json);
            insert.setString(5, PackJson.hash(json));
            insert.setObject(6, OffsetDateTime.of(2026, 3, 2, 9, minute, 0, 0, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static List<String> published(DataSource dataSource) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet found = connection.createStatement().executeQuery("SELECT instrument_id, version, content_hash, pack_id, "
                     + "pack_version FROM published_instrument ORDER BY instrument_id, version")) {
            while (found.next()) {
                rows.add(found.getString(1) + " v" + found.getInt(2) + " " + found.getString(3) + " " + found.getString(4)
                        + " v" + found.getInt(5));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void registersTheFirstContentOfEachInstrumentVersionAndRefusesTheOtherAfterwards(Empty db) throws Exception {
        DataSource dataSource = db.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("11").load().migrate();
        // published before identities: the first pack, a second pack with the same instrument id and
        // version but u2 scored the other way round, and a third with the first one's content again
        ContentPack first = CatalogueTest.withInstrument("pack-first", "relationship", true);
        ContentPack collision = CatalogueTest.withInstrument("pack-collision", "relationship", false);
        ContentPack same = CatalogueTest.withInstrument("pack-same", "relationship", true);
        try (Connection connection = dataSource.getConnection()) {
            storePack(connection, collision, 2);
            storePack(connection, first, 1);
            storePack(connection, same, 3);
        }

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        InstrumentIdentity firstIdentity = PackJson.identity(first.instrument("relationship").orElseThrow());
        assertThat(published(dataSource)).containsExactly("relationship v1 " + firstIdentity.contentHash() + " pack-first v1");

        EntityManagerFactory emf = db.emf();
        try {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                PackRejected refused = catchThrowableOfType(PackRejected.class, () -> new Catalogue(em, CatalogueTest.CLOCK)
                        .importPack(CatalogueTest.withInstrument("pack-later", "relationship", false), PackSource.UPLOAD));
                assertThat(refused).isNotNull();
                assertThat(refused.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                        .contains("already published with different content by pack 'pack-first' version 1")
                        .contains("this pack ('pack-later' version 1)"));
                em.getTransaction().rollback();
            } finally {
                em.close();
            }
        } finally {
            emf.close();
        }
    }
}
