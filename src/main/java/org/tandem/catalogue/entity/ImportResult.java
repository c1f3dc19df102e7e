package org.tandem.catalogue.entity;

/** What importing a pack did. A rejected import throws instead. */
public record ImportResult(String packId, int version, Outcome outcome) {

    public enum Outcome {
        /** a new pack, or a higher version of a known one, is now published */
        STORED,
        /** this version with identical content was already published */
        UNCHANGED
    }
}
