package org.tandem.catalogue.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An instrument id and version as first published: the one content it names (by hash) and the pack
 * version that published it. Written once; a pack that later brings the same id and version with
 * other content is refused.
 */
@Entity
@Table(name = "published_instrument")
@IdClass(PublishedInstrument.Key.class)
public class PublishedInstrument {

    @Id
    @Column(name = "instrument_id")
    private String instrumentId;

    @Id
    @Column(name = "version")
    private int version;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @Column(name = "pack_id", nullable = false)
    private String packId;

    @Column(name = "pack_version", nullable = false)
    private int packVersion;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    protected PublishedInstrument() {
    }

    public PublishedInstrument(InstrumentIdentity identity, String packId, int packVersion, Instant publishedAt) {
        this.instrumentId = identity.id();
        this.version = identity.version();
        this.contentHash = identity.contentHash();
        this.packId = packId;
        this.packVersion = packVersion;
        this.publishedAt = publishedAt;
    }

    /** Whether this id and version name the content of {@code identity}. */
    public boolean names(InstrumentIdentity identity) {
        return instrumentId.equals(identity.id()) && version == identity.version() && contentHash.equals(identity.contentHash());
    }

    public InstrumentIdentity identity() {
        return new InstrumentIdentity(instrumentId, version, contentHash);
    }

    public String packId() {
        return packId;
    }

    public int packVersion() {
        return packVersion;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    /** The primary key: instrument id and version. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String instrumentId;
        private int version;

        public Key() {
        }

        public Key(String instrumentId, int version) {
            this.instrumentId = instrumentId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.instrumentId, instrumentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instrumentId, version);
        }

        @Override
        public String toString() {
            return instrumentId + " v" + version;
        }
    }
}
