package org.tandem.paired.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.entity.Course;

/**
 * A pair's play of one case in a course: who sits in which seat (a manager in the clinician's
 * seat and the other way round), the case version it pinned, and when it ended with which score.
 * Its moves are stored apart ({@link StoredMove}).
 */
@Entity
@Table(name = "paired_session")
public class PairSession {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "paired_session_id")
    @SequenceGenerator(name = "paired_session_id", sequenceName = "paired_session_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id", nullable = false)
    private String contextId;

    @Column(name = "case_id", nullable = false)
    private String caseId;

    @Column(name = "case_version", nullable = false)
    private int caseVersion;

    @Column(name = "pair_key", nullable = false)
    private String pairKey;

    @Column(name = "manager_seat", nullable = false)
    private String managerSeat;

    @Column(name = "clinician_seat", nullable = false)
    private String clinicianSeat;

    @Column(nullable = false)
    private boolean solo;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    private Double score;

    @Version
    @Column(name = "lock_version", nullable = false)
    private int lockVersion;

    protected PairSession() {
    }

    public PairSession(Course course, String caseId, int caseVersion, Seating seating, Instant now) {
        this.platformId = course.platformId();
        this.deploymentId = course.deploymentId();
        this.contextId = course.contextId();
        this.caseId = caseId;
        this.caseVersion = caseVersion;
        this.pairKey = seating.pairKey();
        this.managerSeat = seating.managerSeat();
        this.clinicianSeat = seating.clinicianSeat();
        this.solo = seating.solo();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Who sits where: the subject in the manager's seat and in the clinician's; a solo learner sits
     * in both (they play alone).
     */
    public record Seating(String managerSeat, String clinicianSeat, boolean solo) {

        public static Seating solo(String subject) {
            return new Seating(subject, subject, true);
        }

        public String pairKey() {
            return String.join(" ", new TreeSet<>(java.util.List.of(managerSeat, clinicianSeat)));
        }

        /** The seat this subject plays; a solo learner's own seat is given by the caller. */
        public Optional<Seat> seatOf(String subject) {
            return managerSeat.equals(subject) ? Optional.of(Seat.MANAGER)
                    : clinicianSeat.equals(subject) ? Optional.of(Seat.CLINICIAN) : Optional.empty();
        }

        public Optional<String> partnerOf(String subject) {
            if (solo) {
                return Optional.empty();
            }
            return managerSeat.equals(subject) ? Optional.of(clinicianSeat)
                    : clinicianSeat.equals(subject) ? Optional.of(managerSeat) : Optional.empty();
        }
    }

    public long id() {
        return id;
    }

    public Course course() {
        return new Course(platformId, deploymentId, contextId);
    }

    public String caseId() {
        return caseId;
    }

    public int caseVersion() {
        return caseVersion;
    }

    public Seating seating() {
        return new Seating(managerSeat, clinicianSeat, solo);
    }

    public boolean solo() {
        return solo;
    }

    public boolean ended() {
        return endedAt != null;
    }

    public Optional<Double> score() {
        return Optional.ofNullable(score);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** Something happened; the version moves on, so two instances never write the same session at once. */
    public void touched(Instant now) {
        this.updatedAt = now;
    }

    public void end(double finalScore, Instant now) {
        if (endedAt != null) {
            throw new IllegalStateException("session " + id + " has ended already");
        }
        this.score = finalScore;
        this.endedAt = now;
        this.updatedAt = now;
    }
}
