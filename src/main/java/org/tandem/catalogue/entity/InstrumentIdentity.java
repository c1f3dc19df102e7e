package org.tandem.catalogue.entity;

import java.util.Objects;

/**
 * What names one instrument's content: its id, its version and the SHA-256 of its canonical JSON
 * (every field: questions, scale, subscales, reverse items, outlook, then-test, free-text prompt).
 * An id and version are published with one content only ({@code published_instrument}); the hash
 * still belongs to the identity, so that responses to two contents that shared an id and version
 * before Tandem refused that are never pooled.
 *
 * @param contentHash 64 hex digits
 */
public record InstrumentIdentity(String id, int version, String contentHash) {

    /** Hex digits of the hash that tell contents apart in links and on the page. */
    public static final int SHORT_HASH = 12;

    public InstrumentIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** The first {@value #SHORT_HASH} hex digits of the content hash. */
    public String shortHash() {
        return contentHash.substring(0, Math.min(SHORT_HASH, contentHash.length()));
    }

    /** Whether this is instrument {@code id} version {@code version}, whatever its content. */
    public boolean is(String id, int version) {
        return this.id.equals(id) && this.version == version;
    }

    @Override
    public String toString() {
        return id + " v" + version + " (" + shortHash() + ")";
    }
}
