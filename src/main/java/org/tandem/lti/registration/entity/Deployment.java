package org.tandem.lti.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One deployment of Tandem on a platform (LTI Core 1.3 §3.1.3): the unit of tenancy below it. */
@Entity
@EntityListeners(RegistryChanges.class)
@Table(name = "lti_deployment")
public class Deployment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deployment_id_seq")
    @SequenceGenerator(name = "deployment_id_seq", sequenceName = "lti_deployment_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "platform_id")
    private Platform platform;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "admitted_by_policy", nullable = false)
    private boolean admittedByPolicy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Deployment() {
    }

    Deployment(Platform platform, String deploymentId, boolean admittedByPolicy, Instant createdAt) {
        this.platform = platform;
        this.deploymentId = deploymentId;
        this.admittedByPolicy = admittedByPolicy;
        this.createdAt = createdAt;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public boolean admittedByPolicy() {
        return admittedByPolicy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
