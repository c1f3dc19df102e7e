package org.tandem.roster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A course's membership service (NRPS) and how the last roster fetch went. */
@Entity
@Table(name = "course_roster")
@IdClass(CourseRoster.Id.class)
public class CourseRoster {

    /** The composite primary key (platform, deployment, context). */
    public static class Id implements Serializable {
        private static final long serialVersionUID = 1L;
        long platformId;
        String deploymentId;
        String contextId;

        public Id() {
        }

        public Id(CourseKey key) {
            this.platformId = key.platformId();
            this.deploymentId = key.deploymentId();
            this.contextId = key.contextId();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && platformId == other.platformId && Objects.equals(deploymentId, other.deploymentId)
                    && Objects.equals(contextId, other.contextId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(platformId, deploymentId, contextId);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "platform_id")
    private long platformId;

    @jakarta.persistence.Id
    @Column(name = "deployment_id")
    private String deploymentId;

    @jakarta.persistence.Id
    @Column(name = "context_id")
    private String contextId;

    @Column(name = "memberships_url")
    private String membershipsUrl;

    @Column(name = "synced_at")
    private Instant syncedAt;

    @Column(name = "sync_error")
    private String syncError;

    @Column(name = "sync_error_at")
    private Instant syncErrorAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int lockVersion;

    protected CourseRoster() {
    }

    public CourseRoster(CourseKey key) {
        this.platformId = key.platformId();
        this.deploymentId = key.deploymentId();
        this.contextId = key.contextId();
    }

    public CourseKey key() {
        return new CourseKey(platformId, deploymentId, contextId);
    }

    /** The URL a launch offered; a platform may move it, the newest launch wins. */
    public void membershipsUrl(String url) {
        if (url != null && !url.isBlank() && url.length() <= 2000) {
            this.membershipsUrl = url;
        }
    }

    public Optional<String> membershipsUrl() {
        return Optional.ofNullable(membershipsUrl);
    }

    public void synced(Instant now) {
        this.syncedAt = now;
        this.syncError = null;
        this.syncErrorAt = null;
    }

    /** The fetch failed; the roster as it was stays. */
    public void syncFailed(String error, Instant now) {
        this.syncError = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        this.syncErrorAt = now;
    }

    public Optional<Instant> syncedAt() {
        return Optional.ofNullable(syncedAt);
    }

    public Optional<String> syncError() {
        return Optional.ofNullable(syncError);
    }

    public Optional<Instant> syncErrorAt() {
        return Optional.ofNullable(syncErrorAt);
    }

    /** Never fetched, or fetched longer ago than maxAge. */
    public boolean stale(Instant now, Duration maxAge) {
        return syncedAt == null || syncedAt.plus(maxAge).isBefore(now);
    }

    /**
     * How long a failed refresh holds back the next automatic one. A platform that refused the
     * token or sent a broken page will most likely do so again; asking on every launch of a
     * class arriving together would only add load. The trainer's button is never held back.
     */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

    /** Whether a launch should refresh the roster: a membership service is known, and it is stale and not just failed. */
    public boolean dueForRefresh(Instant now, Duration maxAge) {
        return membershipsUrl != null && stale(now, maxAge)
                && (syncErrorAt == null || !syncErrorAt.plus(RETRY_AFTER_FAILURE).isAfter(now));
    }
}
