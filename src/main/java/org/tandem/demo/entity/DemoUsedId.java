package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A one-time value the demo platform has seen (a deep-linking response's nonce, a client
 * assertion's jti), kept until the message that carried it expires so it cannot be replayed.
 */
@Entity
@Table(name = "demo_used_id")
public class DemoUsedId {

    @Id
    @Column(name = "used_id")
    private String id;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected DemoUsedId() {
    }

    public DemoUsedId(String id, Instant expiresAt) {
        this.id = id;
        this.expiresAt = expiresAt;
    }
}
