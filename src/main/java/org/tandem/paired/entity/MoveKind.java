package org.tandem.paired.entity;

/** What a partner did: proposed an option, agreed or objected to the partner's proposal, decided, or wrote the scene's note. */
public enum MoveKind {
    PROPOSED, AGREED, OBJECTED, DECIDED, NOTE
}
