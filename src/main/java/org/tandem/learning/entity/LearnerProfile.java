package org.tandem.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A learner's professional group and evaluation consent, per platform deployment. The group comes
 * from a launch parameter when the LMS sends one, otherwise the learner is asked once.
 */
@Entity
@Table(name = "learner_profile")
public class LearnerProfile {

    public enum GroupSource { LAUNCH, ASKED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "learner_profile_id")
    @SequenceGenerator(name = "learner_profile_id", sequenceName = "learner_profile_seq", allocationSize = 1)
    private Long id;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "professional_group")
    private ProfessionalGroup group;

    @Enumerated(EnumType.STRING)
    @Column(name = "group_source")
    private GroupSource groupSource;

    private Boolean consent;

    @Column(name = "consent_at")
    private Instant consentAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LearnerProfile() {
    }

    public LearnerProfile(Learner learner, Instant now) {
        this.platformId = learner.platformId();
        this.deploymentId = learner.deploymentId();
        this.subject = learner.subject();
        this.createdAt = now;
    }

    /** The LMS told us the group: it wins over an earlier answer, which may have been a guess. */
    public void groupFromLaunch(ProfessionalGroup fromLaunch) {
        this.group = fromLaunch;
        this.groupSource = GroupSource.LAUNCH;
    }

    /** The learner's own answer; ignored when the LMS already gave the group. */
    public void groupAnswered(ProfessionalGroup answered) {
        if (groupSource != GroupSource.LAUNCH) {
            this.group = answered;
            this.groupSource = GroupSource.ASKED;
        }
    }

    public void consent(boolean given, Instant now) {
        this.consent = given;
        this.consentAt = now;
    }

    /** Both questions answered: the learner can go to activities. */
    public boolean complete() {
        return group != null && consent != null;
    }

    public String subject() {
        return subject;
    }

    public Optional<ProfessionalGroup> group() {
        return Optional.ofNullable(group);
    }

    public boolean groupFromLms() {
        return groupSource == GroupSource.LAUNCH;
    }

    public Optional<Boolean> consent() {
        return Optional.ofNullable(consent);
    }

    public boolean consented() {
        return Boolean.TRUE.equals(consent);
    }
}
