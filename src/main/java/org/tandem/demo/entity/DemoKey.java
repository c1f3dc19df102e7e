package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The demo platform's signing key (a private JWK), generated on first use. */
@Entity
@Table(name = "demo_platform_key")
public class DemoKey {

    @Id
    private String kid;

    @Column(name = "jwk_json", nullable = false)
    private String jwkJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DemoKey() {
    }

    public DemoKey(String kid, String jwkJson, Instant createdAt) {
        this.kid = kid;
        this.jwkJson = jwkJson;
        this.createdAt = createdAt;
    }

    public String jwkJson() {
        return jwkJson;
    }
}
