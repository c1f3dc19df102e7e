package org.tandem.lti.launch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * The state and nonce of one OIDC login, kept between login initiation and launch. Consumed
 * exactly once; a consumed row stays until it expires so a replay is recognised as one.
 */
@Entity
@Table(name = "lti_login_state")
public class LoginState {

    @Id
    private String state;

    @Column(nullable = false)
    private String nonce;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(name = "login_hint", nullable = false)
    private String loginHint;

    @Column(name = "lti_message_hint")
    private String ltiMessageHint;

    @Column(name = "target_link_uri", nullable = false)
    private String targetLinkUri;

    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "storage_target")
    private String storageTarget;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    protected LoginState() {
    }

    public LoginState(String state, String nonce, long platformId, LoginRequest request, Instant now, Instant expiresAt) {
        this.state = state;
        this.nonce = nonce;
        this.platformId = platformId;
        this.loginHint = request.loginHint();
        this.ltiMessageHint = request.ltiMessageHint().orElse(null);
        this.targetLinkUri = request.targetLinkUri();
        this.deploymentId = request.deploymentId().orElse(null);
        this.storageTarget = request.storageTarget().orElse(null);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public String state() {
        return state;
    }

    public String nonce() {
        return nonce;
    }

    public long platformId() {
        return platformId;
    }

    public Optional<String> storageTarget() {
        return Optional.ofNullable(storageTarget);
    }

    public String targetLinkUri() {
        return targetLinkUri;
    }

    /** The login parameters again, to start the same launch over in a new window. */
    public LoginRequest request(String issuer, String clientId) {
        return new LoginRequest(issuer, loginHint, targetLinkUri, Optional.ofNullable(ltiMessageHint),
                Optional.of(clientId), Optional.ofNullable(deploymentId), Optional.empty());
    }
}
