package org.tandem.paired.entity;

/** Fired inside the transaction that stored a move (or a partner's arrival): after it commits, both browsers hear of it. */
public record PairChanged(long sessionId, int moves) {
}
