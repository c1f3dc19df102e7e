package org.tandem.lti.launch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One launch attempt and the outcome of each check: answers "why did this launch fail?". */
@Entity
@Table(name = "lti_launch_record")
@NamedQuery(name = LaunchRecord.RECENT, query = "select r from LaunchRecord r order by r.createdAt desc, r.id desc")
@NamedQuery(name = LaunchRecord.RECENT_FOR_PLATFORM,
        query = "select r from LaunchRecord r where r.platformId = :platformId order by r.createdAt desc, r.id desc")
public class LaunchRecord {

    public static final String RECENT = "LaunchRecord.recent";
    public static final String RECENT_FOR_PLATFORM = "LaunchRecord.recentForPlatform";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "launch_record_id")
    @SequenceGenerator(name = "launch_record_id", sequenceName = "lti_launch_record_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id")
    private Long platformId;

    private String issuer;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "message_type")
    private String messageType;

    private String subject;

    @Column(nullable = false)
    private boolean accepted;

    @Column(name = "failed_check")
    private String failedCheck;

    private String reason;

    @Column(nullable = false)
    private String checks;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LaunchRecord() {
    }

    public LaunchRecord(Long platformId, String issuer, String clientId, String deploymentId, String messageType,
                        String subject, boolean accepted, String failedCheck, String reason, String checks,
                        Instant createdAt) {
        // a refused launch is recorded with its claims as sent, which may be of any length
        this.platformId = platformId;
        this.issuer = clip(issuer, 512);
        this.clientId = clip(clientId, 255);
        this.deploymentId = clip(deploymentId, 255);
        this.messageType = clip(messageType, 64);
        this.subject = clip(subject, 255);
        this.accepted = accepted;
        this.failedCheck = failedCheck;
        this.reason = clip(reason, 2000);
        this.checks = checks;
        this.createdAt = createdAt;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long id() {
        return id;
    }

    public Optional<Long> platformId() {
        return Optional.ofNullable(platformId);
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public String messageType() {
        return messageType;
    }

    public String subject() {
        return subject;
    }

    public boolean accepted() {
        return accepted;
    }

    public String failedCheck() {
        return failedCheck;
    }

    public String reason() {
        return reason;
    }

    public String checks() {
        return checks;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
