package org.tandem.catalogue.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.ImportResult;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.PackSource;
import org.tandem.catalogue.entity.PublishedInstrument;
import org.tandem.catalogue.entity.StoredPack;

/**
 * The published content packs: the only way to them in the database. Every version stays
 * readable (attempts pin theirs). Callers own the transaction.
 */
@ApplicationScoped
public class Catalogue {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Parsed pack versions. A published version never changes, so entries never go stale. */
    private final Map<StoredPack.Key, ContentPack> parsed = new ConcurrentHashMap<>();

    public Catalogue() {
    }

    /** For tests outside a container. */
    public Catalogue(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Publishes a pack version. A known pack needs a higher version; re-importing the published
     * version with identical content changes nothing. Each instrument id and version names one
     * content across all packs: the first pack to publish them records it, any pack may bring the
     * same content again, none may bring other content under them.
     *
     * @throws PackRejected when the version is taken by different content or lower than the latest,
     *                      or when an instrument id and version are published with other content
     */
    public ImportResult importPack(ContentPack pack, PackSource source) {
        String json = PackJson.toJson(pack);
        String hash = PackJson.hash(json);
        String file = "pack.yaml";
        Optional<Integer> latest = latestVersion(pack.id());
        if (latest.isPresent()) {
            StoredPack same = em.find(StoredPack.class, new StoredPack.Key(pack.id(), pack.version()));
            if (same != null) {
                if (same.sameContent(hash)) {
                    return new ImportResult(pack.id(), pack.version(), ImportResult.Outcome.UNCHANGED);
                }
                throw new PackRejected(new PackProblem(file, "$.version", "version " + pack.version() + " of pack "
                        + pack.id() + " is already published with different content; raise the version"));
            }
            if (pack.version() < latest.get()) {
                throw new PackRejected(new PackProblem(file, "$.version", "version " + pack.version() + " of pack "
                        + pack.id() + " is lower than the published version " + latest.get() + "; raise the version above it"));
            }
        }
        List<PublishedInstrument> newInstruments = new ArrayList<>();
        List<PackProblem> taken = new ArrayList<>();
        for (Instrument instrument : pack.instruments()) {
            InstrumentIdentity identity = PackJson.identity(instrument);
            PublishedInstrument published = em.find(PublishedInstrument.class,
                    new PublishedInstrument.Key(identity.id(), identity.version()));
            if (published == null) {
                newInstruments.add(new PublishedInstrument(identity, pack.id(), pack.version(), clock.instant()));
            } else if (!published.names(identity)) {
                taken.add(new PackProblem("instruments/" + identity.id() + ".yaml", "$.version", "instrument '" + identity.id()
                        + "' version " + identity.version() + " is already published with different content by pack '"
                        + published.packId() + "' version " + published.packVersion() + "; this pack ('" + pack.id()
                        + "' version " + pack.version() + ") would give the same id and version other questions, scoring or "
                        + "options, and responses to the two would be compared as one instrument. Raise the instrument's "
                        + "version (or give it a new id)"));
            }
        }
        if (!taken.isEmpty()) {
            throw new PackRejected(taken);
        }
        if (json.length() > StoredPack.MAX_JSON_CHARS) {
            throw new PackRejected(new PackProblem(file, "$", "the pack is too large to store ("
                    + json.length() + " characters of JSON, at most " + StoredPack.MAX_JSON_CHARS + ")"));
        }
        em.persist(new StoredPack(pack.id(), pack.version(), pack.title(), json, hash, source, clock.instant()));
        newInstruments.forEach(em::persist);
        // not cached here: the caller's transaction may still roll back; the first read caches it
        em.flush();
        return new ImportResult(pack.id(), pack.version(), ImportResult.Outcome.STORED);
    }

    /** The newest published version of a pack. */
    public Optional<ContentPack> latest(String packId) {
        return latestVersion(packId).flatMap(version -> pack(packId, version));
    }

    /** A given version, e.g. the one an attempt pinned. */
    public Optional<ContentPack> pack(String packId, int version) {
        StoredPack.Key key = new StoredPack.Key(packId, version);
        ContentPack cached = parsed.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Optional.ofNullable(em.find(StoredPack.class, key)).map(stored -> {
            ContentPack pack = PackJson.fromJson(stored.contentJson());
            parsed.putIfAbsent(key, pack);
            return pack;
        });
    }

    /** The newest version of every pack, by pack id. */
    public List<ContentPack> latestPacks() {
        List<ContentPack> packs = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(StoredPack.LATEST_VERSIONS, Object[].class).getResultList()) {
            pack((String) row[0], ((Number) row[1]).intValue()).ifPresent(packs::add);
        }
        return packs;
    }

    /** Which content and which pack an instrument id and version were first published with. */
    public Optional<PublishedInstrument> published(String instrumentId, int version) {
        return Optional.ofNullable(em.find(PublishedInstrument.class, new PublishedInstrument.Key(instrumentId, version)));
    }

    /** All published versions of a pack, newest first. */
    public List<Integer> versions(String packId) {
        return em.createNamedQuery(StoredPack.VERSIONS, Integer.class).setParameter("packId", packId).getResultList();
    }

    private Optional<Integer> latestVersion(String packId) {
        return em.createNamedQuery(StoredPack.VERSIONS, Integer.class).setParameter("packId", packId)
                .setMaxResults(1).getResultStream().findFirst();
    }
}
