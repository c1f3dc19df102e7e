package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.catalogue.TestPacks;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.ImportResult;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.PackSource;
import org.tandem.catalogue.entity.StoredPack;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/** The content-pack store on both databases Tandem supports: the embedded H2 and a real PostgreSQL. */
class CatalogueTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    static final PackReader READER = new PackReader();

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    /** Each transaction gets a fresh Catalogue unless one is handed in, so reads go to the database, not a cache. */
    private static <T> T withCatalogue(Database db, Function<Catalogue, T> work) {
        return db.inTransaction(em -> work.apply(new Catalogue(em, CLOCK)));
    }

    private static void inTransaction(Database db, Consumer<Catalogue> work) {
        withCatalogue(db, catalogue -> {
            work.accept(catalogue);
            return null;
        });
    }

    private static String newId() {
        return "pack-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ContentPack pack(String id, int version) {
        return READER.readZip(TestPacks.zip(TestPacks.valid(id, version)));
    }

    private static ContentPack changed(String id, int version) {
        Map<String, String> files = TestPacks.valid(id, version);
        files.put("modules/two-views.yaml", files.get("modules/two-views.yaml").replace("minutes: 15", "minutes: 20"));
        return READER.readZip(TestPacks.zip(files));
    }

    /**
     * A pack whose instrument is {@code instrumentId} version 1; with {@code u2Reversed} false, the
     * same questions scored the other way round on u2 (the collision).
     */
    static ContentPack withInstrument(String packId, String instrumentId, boolean u2Reversed) {
        Map<String, String> files = TestPacks.valid(packId, 1);
        files.put("instruments/working-together.yaml", files.get("instruments/working-together.yaml")
                .replace("id: working-together", "id: " + instrumentId)
                .replace("{id: u2, text: Their priorities puzzle me., reverse: true}",
                        "{id: u2, text: Their priorities puzzle me., reverse: " + u2Reversed + "}"));
        return READER.readZip(TestPacks.zip(files));
    }

    private static List<PackProblem> rejected(Database db, ContentPack pack) {
        PackRejected e = catchThrowableOfType(PackRejected.class,
                () -> withCatalogue(db, catalogue -> catalogue.importPack(pack, PackSource.UPLOAD)));
        assertThat(e).as("import is rejected").isNotNull();
        return e.problems();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void storesANewPackAndReadsItBack(Database db) {
        String id = newId();
        ContentPack pack = pack(id, 1);
        ImportResult result = withCatalogue(db, catalogue -> catalogue.importPack(pack, PackSource.STARTER));
        assertThat(result).isEqualTo(new ImportResult(id, 1, ImportResult.Outcome.STORED));

        inTransaction(db, catalogue -> {
            assertThat(catalogue.latest(id)).contains(pack);
            assertThat(catalogue.pack(id, 1)).contains(pack);
            assertThat(catalogue.pack(id, 2)).isEmpty();
            assertThat(catalogue.latest("no-such-pack")).isEmpty();
            assertThat(catalogue.latestPacks()).contains(pack);
        });
        inTransaction(db, catalogue -> {
            StoredPack stored = catalogue.em.find(StoredPack.class, new StoredPack.Key(id, 1));
            assertThat(stored.source()).isEqualTo(PackSource.STARTER);
            assertThat(stored.importedAt()).isEqualTo(CLOCK.instant());
            assertThat(stored.title()).isEqualTo("Test pack " + id);
            assertThat(stored.contentHash()).hasSize(64).isEqualTo(PackJson.hash(stored.contentJson()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sameVersionWithSameContentChangesNothing(Database db) {
        String id = newId();
        inTransaction(db, catalogue -> catalogue.importPack(pack(id, 1), PackSource.UPLOAD));
        // read again from the files: equal content, not the same object
        ImportResult again = withCatalogue(db, catalogue -> catalogue.importPack(pack(id, 1), PackSource.UPLOAD));
        assertThat(again.outcome()).isEqualTo(ImportResult.Outcome.UNCHANGED);
        assertThat(withCatalogue(db, catalogue -> catalogue.versions(id)).stream()).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sameVersionWithDifferentContentIsRejected(Database db) {
        String id = newId();
        inTransaction(db, catalogue -> catalogue.importPack(pack(id, 1), PackSource.UPLOAD));
        assertThat(rejected(db, changed(id, 1))).containsExactly(new PackProblem("pack.yaml", "$.version",
                "version 1 of pack " + id + " is already published with different content; raise the version"));
        inTransaction(db, catalogue -> assertThat(catalogue.latest(id)).contains(pack(id, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lowerVersionIsRejected(Database db) {
        String id = newId();
        inTransaction(db, catalogue -> catalogue.importPack(pack(id, 3), PackSource.UPLOAD));
        assertThat(rejected(db, changed(id, 2))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("version 2 of pack " + id
                        + " is lower than the published version 3; raise the version above it"));
        assertThat(withCatalogue(db, catalogue -> catalogue.versions(id)).stream()).containsExactly(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void higherVersionIsPublishedAndEarlierVersionsStayReadable(Database db) {
        String id = newId();
        ContentPack first = pack(id, 1);
        ContentPack second = changed(id, 2);
        inTransaction(db, catalogue -> catalogue.importPack(first, PackSource.STARTER));
        assertThat(withCatalogue(db, catalogue -> catalogue.importPack(second, PackSource.UPLOAD)).outcome())
                .isEqualTo(ImportResult.Outcome.STORED);

        inTransaction(db, catalogue -> {
            assertThat(catalogue.latest(id)).contains(second);
            assertThat(catalogue.pack(id, 1)).as("an attempt pinned on version 1 still reads it").contains(first);
            assertThat(catalogue.pack(id, 1).orElseThrow().module("two-views").orElseThrow().minutes()).isEqualTo(15);
            assertThat(catalogue.pack(id, 2).orElseThrow().module("two-views").orElseThrow().minutes()).isEqualTo(20);
            assertThat(catalogue.versions(id)).containsExactly(2, 1);
            assertThat(catalogue.latestPacks()).contains(second).doesNotContain(first);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void cachesParsedVersions(Database db) {
        String id = newId();
        inTransaction(db, catalogue -> catalogue.importPack(pack(id, 1), PackSource.UPLOAD));
        EntityManager em = db.emf().createEntityManager();
        try {
            Catalogue catalogue = new Catalogue(em, CLOCK);
            ContentPack once = catalogue.pack(id, 1).orElseThrow();
            assertThat(catalogue.pack(id, 1).orElseThrow()).isSameAs(once);
        } finally {
            em.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAnInstrumentVersionThatAnotherPackPublishedWithOtherReverseItems(Database db) {
        String instrument = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        String first = newId();
        String second = newId();
        inTransaction(db, catalogue -> catalogue.importPack(withInstrument(first, instrument, true), PackSource.UPLOAD));

        assertThat(rejected(db, withInstrument(second, instrument, false))).containsExactly(new PackProblem(
                "instruments/" + instrument + ".yaml", "$.version", "instrument '" + instrument + "' version 1 is already "
                + "published with different content by pack '" + first + "' version 1; this pack ('" + second + "' version 1) "
                + "would give the same id and version other questions, scoring or options, and responses to the two would be "
                + "compared as one instrument. Raise the instrument's version (or give it a new id)"));
        inTransaction(db, catalogue -> {
            assertThat(catalogue.versions(second)).as("nothing of the refused pack is stored").isEmpty();
            assertThat(catalogue.published(instrument, 1)).hasValueSatisfying(published -> {
                assertThat(published.packId()).isEqualTo(first);
                assertThat(published.names(PackJson.identity(withInstrument(first, instrument, true)
                        .instrument(instrument).orElseThrow()))).isTrue();
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void acceptsTheSameInstrumentContentFromAnotherPackAndANewVersionWithOtherContent(Database db) {
        String instrument = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        String first = newId();
        inTransaction(db, catalogue -> catalogue.importPack(withInstrument(first, instrument, true), PackSource.UPLOAD));

        String again = newId();
        assertThat(withCatalogue(db, catalogue -> catalogue.importPack(withInstrument(again, instrument, true), PackSource.UPLOAD))
                .outcome()).as("the same content under the same id and version").isEqualTo(ImportResult.Outcome.STORED);
        ContentPack changed = withInstrument(newId(), instrument, false);
        Instrument v2 = changed.instrument(instrument).orElseThrow();
        ContentPack raised = new ContentPack(changed.id(), 1, changed.title(), changed.description(), changed.modules(),
                changed.scenarios(), List.of(new Instrument(v2.id(), 2, v2.title(), v2.instructions(), v2.scale(),
                        v2.subscales(), v2.outlook(), v2.thenTest(), v2.freeTextPrompt())));
        assertThat(withCatalogue(db, catalogue -> catalogue.importPack(raised, PackSource.UPLOAD)).outcome())
                .as("other content under a raised version").isEqualTo(ImportResult.Outcome.STORED);
        inTransaction(db, catalogue -> {
            assertThat(catalogue.published(instrument, 1).orElseThrow().packId()).isEqualTo(first);
            assertThat(catalogue.published(instrument, 2).orElseThrow().packId()).isEqualTo(raised.id());
        });
    }

    @Test
    void anInstrumentsIdentityHashesAllOfItsContent() {
        Instrument instrument = withInstrument("p", "i", true).instrument("i").orElseThrow();
        InstrumentIdentity identity = PackJson.identity(instrument);

        assertThat(identity.id()).isEqualTo("i");
        assertThat(identity.version()).isEqualTo(1);
        assertThat(identity.contentHash()).hasSize(64);
        assertThat(PackJson.identity(withInstrument("q", "i", true).instrument("i").orElseThrow()))
                .as("the same content in another pack").isEqualTo(identity);
        assertThat(PackJson.identity(withInstrument("p", "i", false).instrument("i").orElseThrow()).contentHash())
                .as("a reverse item turned").isNotEqualTo(identity.contentHash());
        Instrument retitled = new Instrument("i", 1, "Another title", instrument.instructions(), instrument.scale(),
                instrument.subscales(), instrument.outlook(), instrument.thenTest(), instrument.freeTextPrompt());
        assertThat(PackJson.identity(retitled).contentHash()).as("any change of content").isNotEqualTo(identity.contentHash());
    }

    @Test
    void packRoundTripsThroughCanonicalJson() {
        ContentPack pack = pack("round-trip", 4);
        String json = PackJson.toJson(pack);
        assertThat(PackJson.fromJson(json)).isEqualTo(pack);
        assertThat(PackJson.toJson(PackJson.fromJson(json))).as("canonical: the same text again").isEqualTo(json);
        assertThat(json).contains("\"seat\":\"manager\"", "\"manager_view\":", "\"then_test\":true")
                .doesNotContain("\"intro\":null");
        // the canonical JSON is itself a valid single-file pack
        assertThat(READER.readFile("pack.json", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(pack);
    }
}
