package org.tandem.lti.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One of Tandem's RSA signing keys, stored as a private JWK. The newest unretired key signs; a
 * retired key stays published until {@code publishedUntil} so platforms can still verify what it signed.
 */
@Entity
@Table(name = "lti_tool_key")
@NamedQuery(name = ToolKey.ALL, query = "select k from ToolKey k order by k.createdAt desc")
public class ToolKey {

    public static final String ALL = "ToolKey.all";

    @Id
    private String kid;

    @Column(name = "jwk_json", nullable = false)
    private String jwkJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "published_until")
    private Instant publishedUntil;

    protected ToolKey() {
    }

    public ToolKey(String kid, String jwkJson, Instant createdAt) {
        this.kid = kid;
        this.jwkJson = jwkJson;
        this.createdAt = createdAt;
    }

    public void retire(Instant now, Duration grace) {
        if (retiredAt == null) {
            retiredAt = now;
            publishedUntil = now.plus(grace);
        }
    }

    public boolean active() {
        return retiredAt == null;
    }

    public boolean published(Instant now) {
        return retiredAt == null || now.isBefore(publishedUntil);
    }

    public String kid() {
        return kid;
    }

    public String jwkJson() {
        return jwkJson;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    public Instant publishedUntil() {
        return publishedUntil;
    }
}
