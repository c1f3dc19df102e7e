package org.tandem.roster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tandem.access.entity.TandemRole;

/**
 * One person in one course (platform + deployment + context), known from a launch of theirs or from
 * the platform's membership list. The subject is the platform's stable user id (the AGS userId).
 */
@Entity
@Table(name = "course_member")
public class CourseMember {

    /** Whether the platform lists the person as taking part (NRPS status; a launch makes them active). */
    public enum Status { ACTIVE, INACTIVE, LEFT }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "course_member_id")
    @SequenceGenerator(name = "course_member_id", sequenceName = "course_member_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @Column(nullable = false)
    private String subject;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String email;

    @Column(nullable = false)
    private String roles;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "last_launch_at")
    private Instant lastLaunchAt;

    @Column(name = "synced_at")
    private Instant syncedAt;

    protected CourseMember() {
    }

    public CourseMember(CourseKey course, String subject) {
        this.platformId = course.platformId();
        this.deploymentId = course.deploymentId();
        this.contextId = course.contextId();
        this.subject = subject;
        this.displayName = subject;
        this.roles = TandemRole.LEARNER.name();
        this.status = Status.ACTIVE;
    }

    /**
     * What the person's own launch said: it is the freshest word on name and roles. A relaunch that
     * says nothing new within the hour changes nothing, so a class relaunching writes no rows.
     */
    public void launched(String displayName, Optional<String> email, Set<TandemRole> roles, Instant now) {
        describe(displayName, email, roles);
        if (status != Status.ACTIVE) {
            this.status = Status.ACTIVE;
        }
        if (lastLaunchAt == null || !lastLaunchAt.plus(LAST_LAUNCH_RESOLUTION).isAfter(now)) {
            this.lastLaunchAt = now;
        }
    }

    /** How precisely the last launch is kept. */
    public static final Duration LAST_LAUNCH_RESOLUTION = Duration.ofHours(1);

    /** What the platform's membership list said. */
    public void listed(String displayName, Optional<String> email, Set<TandemRole> roles, Status status, Instant now) {
        describe(displayName, email, roles);
        this.status = status;
        this.syncedAt = now;
    }

    /** No longer on the platform's membership list. */
    public void left(Instant now) {
        this.status = Status.LEFT;
        this.syncedAt = now;
    }

    // each field is assigned only when it changes: an assignment alone makes the persistence provider write the row
    private void describe(String displayName, Optional<String> email, Set<TandemRole> roles) {
        if (displayName != null && !displayName.isBlank()) {
            String name = displayName.length() > 512 ? displayName.substring(0, 512) : displayName;
            if (!name.equals(this.displayName)) {
                this.displayName = name;
            }
        }
        email.filter(e -> e.length() <= 512 && !e.equals(this.email)).ifPresent(e -> this.email = e);
        if (!roles.isEmpty()) {
            String joined = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            if (!joined.equals(this.roles)) {
                this.roles = joined;
            }
        }
    }

    public CourseKey course() {
        return new CourseKey(platformId, deploymentId, contextId);
    }

    public String subject() {
        return subject;
    }

    public String displayName() {
        return displayName;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Set<TandemRole> roles() {
        EnumSet<TandemRole> set = EnumSet.noneOf(TandemRole.class);
        Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(TandemRole::valueOf).forEach(set::add);
        return set;
    }

    /** A learner and nothing more privileged: the people whose progress and grades trainers follow. */
    public boolean learner() {
        Set<TandemRole> r = roles();
        return r.contains(TandemRole.LEARNER) && !r.contains(TandemRole.TRAINER) && !r.contains(TandemRole.ADMIN);
    }

    public Status status() {
        return status;
    }

    public Optional<Instant> lastLaunchAt() {
        return Optional.ofNullable(lastLaunchAt);
    }

    public Optional<Instant> syncedAt() {
        return Optional.ofNullable(syncedAt);
    }
}
