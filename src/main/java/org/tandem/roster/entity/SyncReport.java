package org.tandem.roster.entity;

import java.util.Objects;

/**
 * How one roster refresh went: how many members the platform listed, how many Tandem marked as
 * having left, and from how many pages; or why nothing was changed.
 */
public record SyncReport(Outcome outcome, int listed, int left, int pages, String reason) {

    public enum Outcome { SYNCED, FAILED, ALREADY_RUNNING }

    public SyncReport {
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }

    public static SyncReport synced(int listed, int left, int pages) {
        return new SyncReport(Outcome.SYNCED, listed, left, pages, "");
    }

    public static SyncReport failed(String reason) {
        return new SyncReport(Outcome.FAILED, 0, 0, 0, reason);
    }

    public static SyncReport alreadyRunning() {
        return new SyncReport(Outcome.ALREADY_RUNNING, 0, 0, 0, "a refresh of this course is already running");
    }

    public boolean synced() {
        return outcome == Outcome.SYNCED;
    }
}
