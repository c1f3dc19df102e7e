package org.tandem.catalogue.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One published version of a content pack as stored: its canonical JSON and the hash of it.
 * Never changed after it is written; a change to a pack is a new version.
 */
@Entity
@Table(name = "content_pack")
@IdClass(StoredPack.Key.class)
@NamedQuery(name = StoredPack.VERSIONS, query = "select p.version from StoredPack p where p.packId = :packId order by p.version desc")
@NamedQuery(name = StoredPack.LATEST_VERSIONS,
        query = "select p.packId, max(p.version) from StoredPack p group by p.packId order by p.packId")
public class StoredPack {

    public static final String VERSIONS = "StoredPack.versions";
    public static final String LATEST_VERSIONS = "StoredPack.latestVersions";

    /** The version limit of {@link #contentJson}: H2 caps VARCHAR at 1,000,000 characters. */
    public static final int MAX_JSON_CHARS = 1_000_000;

    @Id
    @Column(name = "pack_id")
    private String packId;

    @Id
    @Column(name = "version")
    private int version;

    @Column(name = "title", nullable = false)
    private String title;

    @Column(name = "content_json", nullable = false)
    private String contentJson;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false)
    private PackSource source;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    protected StoredPack() {
    }

    public StoredPack(String packId, int version, String title, String contentJson, String contentHash,
                      PackSource source, Instant importedAt) {
        this.packId = packId;
        this.version = version;
        this.title = title;
        this.contentJson = contentJson;
        this.contentHash = contentHash;
        this.source = source;
        this.importedAt = importedAt;
    }

    public boolean sameContent(String hash) {
        return contentHash.equals(hash);
    }

    public String packId() {
        return packId;
    }

    public int version() {
        return version;
    }

    public String title() {
        return title;
    }

    public String contentJson() {
        return contentJson;
    }

    public String contentHash() {
        return contentHash;
    }

    public PackSource source() {
        return source;
    }

    public Instant importedAt() {
        return importedAt;
    }

    /** The primary key: pack id and version. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String packId;
        private int version;

        public Key() {
        }

        public Key(String packId, int version) {
            this.packId = packId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.packId, packId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(packId, version);
        }

        @Override
        public String toString() {
            return packId + " v" + version;
        }
    }
}
