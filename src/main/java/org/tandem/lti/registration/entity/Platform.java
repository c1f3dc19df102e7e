package org.tandem.lti.registration.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registered LTI platform: one issuer + client_id pair. Every hosted Canvas shares one issuer,
 * so the pair, not the issuer, identifies a registration.
 */
@Entity
@EntityListeners(RegistryChanges.class)
@Table(name = "lti_platform")
@NamedQuery(name = Platform.BY_ISSUER, query = "select p from Platform p where p.issuer = :issuer order by p.id")
@NamedQuery(name = Platform.ALL, query = "select p from Platform p order by p.id")
public class Platform {

    public static final String BY_ISSUER = "Platform.byIssuer";
    public static final String ALL = "Platform.all";
    static final int MAX_FRAME_ORIGINS_LENGTH = 2000;
    /** A DNS name (letters, digits, hyphens, dots; a trailing dot allowed) or an IPv4 address. */
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "platform_id")
    @SequenceGenerator(name = "platform_id", sequenceName = "lti_platform_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String issuer;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(nullable = false)
    private String name;

    @Column(name = "auth_login_url", nullable = false)
    private String authLoginUrl;

    @Column(name = "token_url")
    private String tokenUrl;

    @Column(name = "jwks_url", nullable = false)
    private String jwksUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "deployment_policy", nullable = false)
    private DeploymentPolicy deploymentPolicy;

    @Column(name = "clock_skew_seconds", nullable = false)
    private int clockSkewSeconds;

    /** Origins the LMS frames Tandem from besides the auth origin (hosted Canvas: the institution's domain). */
    @Column(name = "frame_origins")
    private String frameOrigins;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegistrationSource source;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "platform", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private List<Deployment> deployments = new ArrayList<>();

    protected Platform() {
    }

    public Platform(PlatformRegistration registration, RegistrationSource source, Instant now) {
        this.issuer = registration.issuer();
        this.clientId = registration.clientId();
        this.source = source;
        this.createdAt = now;
        update(registration);
    }

    /** Takes new endpoint values; issuer and client_id identify the registration and stay. */
    public final void update(PlatformRegistration registration) {
        this.name = registration.name();
        this.authLoginUrl = registration.authLoginUrl();
        this.tokenUrl = registration.tokenUrl().orElse(null);
        this.jwksUrl = registration.jwksUrl();
        this.deploymentPolicy = registration.deploymentPolicy();
        this.clockSkewSeconds = (int) registration.clockSkew().toSeconds();
    }

    public Deployment addDeployment(String deploymentId, boolean admittedByPolicy, Instant now) {
        return deployment(deploymentId).orElseGet(() -> {
            Deployment d = new Deployment(this, deploymentId, admittedByPolicy, now);
            deployments.add(d);
            return d;
        });
    }

    public boolean removeDeployment(String deploymentId) {
        return deployments.removeIf(d -> d.deploymentId().equals(deploymentId));
    }

    public Optional<Deployment> deployment(String deploymentId) {
        return deployments.stream().filter(d -> d.deploymentId().equals(deploymentId)).findFirst();
    }

    /** The origin of the platform's authorization endpoint: where its storage frame for postMessage lives. */
    public String origin() {
        return originOf(authLoginUrl).orElseThrow();
    }

    /**
     * Every origin that may frame Tandem's pages for this platform (CSP frame-ancestors). Stored
     * values are checked again as they are read: a database written before origins were checked
     * may hold anything a launch sent.
     */
    public Set<String> frameOrigins() {
        Set<String> origins = new TreeSet<>();
        origins.add(origin());
        if (frameOrigins != null) {
            Arrays.stream(frameOrigins.trim().split("\\s+")).map(Platform::originOf)
                    .forEach(o -> o.ifPresent(origins::add));
        }
        return origins;
    }

    /**
     * Allows another origin to frame Tandem, e.g. learned from the launch_presentation return_url
     * of a verified launch. Returns false when it was known already or the list is full.
     */
    public boolean allowFrameOrigin(String url) {
        Optional<String> origin = originOf(url);
        if (origin.isEmpty() || frameOrigins().contains(origin.get())) {
            return false;
        }
        String updated = ((frameOrigins == null ? "" : frameOrigins) + " " + origin.get()).trim();
        if (updated.length() > MAX_FRAME_ORIGINS_LENGTH) {
            return false;
        }
        frameOrigins = updated;
        return true;
    }

    /** Whether {@link #allowFrameOrigin} would add this URL's origin; reads only. */
    public boolean wouldAllowFrameOrigin(String url) {
        Optional<String> origin = originOf(url);
        return origin.isPresent() && !frameOrigins().contains(origin.get())
                && ((frameOrigins == null ? "" : frameOrigins) + " " + origin.get()).trim().length() <= MAX_FRAME_ORIGINS_LENGTH;
    }

    /**
     * The origin of an absolute http(s) URL as a CSP source: {@code scheme://host[:port]} and
     * nothing else, built from the parsed parts, never from the raw or decoded authority. Origins
     * end up in a response header, so anything that is not plainly a host name, an IPv4 address
     * or a bracketed IPv6 address (a percent-escape, '*', ';', a space, user info) makes the URL
     * unusable as an origin: {@code https://x%20*}{@code /} must not become {@code https://x *}.
     */
    public static Optional<String> originOf(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawUserInfo() != null
                    || !(HOST.matcher(host).matches() || IPV6.matcher(host).matches())
                    || uri.getPort() == 0 || uri.getPort() > 65535) {
                return Optional.empty();
            }
            boolean defaultPort = uri.getPort() == -1 || (scheme.equals("https") ? uri.getPort() == 443 : uri.getPort() == 80);
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    public PlatformRegistration registration() {
        return new PlatformRegistration(issuer, clientId, name, authLoginUrl, Optional.ofNullable(tokenUrl),
                jwksUrl, deploymentPolicy, Duration.ofSeconds(clockSkewSeconds));
    }

    public Long id() {
        return id;
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public String name() {
        return name;
    }

    public String authLoginUrl() {
        return authLoginUrl;
    }

    public Optional<String> tokenUrl() {
        return Optional.ofNullable(tokenUrl);
    }

    public String jwksUrl() {
        return jwksUrl;
    }

    public DeploymentPolicy deploymentPolicy() {
        return deploymentPolicy;
    }

    public Duration clockSkew() {
        return Duration.ofSeconds(clockSkewSeconds);
    }

    public RegistrationSource source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Deployment> deployments() {
        return Collections.unmodifiableList(deployments);
    }
}
