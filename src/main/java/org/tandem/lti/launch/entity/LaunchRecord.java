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
        this.platformId = platformId;
        this.issuer = issuer;
        this.clientId = clientId;
        this.deploymentId = deploymentId;
        this.messageType = messageType;
        this.subject = subject;
        this.accepted = accepted;
        this.failedCheck = failedCheck;
        this.reason = reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000);
        this.checks = checks;
        this.createdAt = createdAt;
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
