package org.tandem.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Tandem knows about a person after one verified launch, scoped to its tenant
 * (platform + deployment + context). Found by the SHA-256 of the token pages carry.
 */
@Entity
@Table(name = "launch_session")
public class LaunchSession {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "platform_id", nullable = false)
    private long platformId;

    @Column(nullable = false)
    private String issuer;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "context_id")
    private String contextId;

    @Column(name = "context_title")
    private String contextTitle;

    @Column(name = "resource_link_id")
    private String resourceLinkId;

    @Column(name = "resource_link_title")
    private String resourceLinkTitle;

    @Column(name = "message_type", nullable = false)
    private String messageType;

    @Column(nullable = false)
    private String subject;

    @Column(name = "display_name")
    private String displayName;

    private String email;

    @Column(nullable = false)
    private String roles;

    @Column(name = "lti_roles", nullable = false)
    private String ltiRoles;

    @Column(name = "custom_json")
    private String customJson;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "ags_line_item")
    private String agsLineItem;

    @Column(name = "ags_line_items")
    private String agsLineItems;

    @Column(name = "ags_scopes")
    private String agsScopes;

    @Column(name = "nrps_url")
    private String nrpsUrl;

    @Column(name = "deep_linking_json")
    private String deepLinkingJson;

    @Column(name = "locale", length = 35)
    private String locale;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected LaunchSession() {
    }

    public LaunchSession(String tokenHash, Tenancy tenancy, Person person, Set<TandemRole> roles, String ltiRoles,
                         String customJson, String messageType, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.platformId = tenancy.platformId();
        this.issuer = tenancy.issuer();
        this.deploymentId = tenancy.deploymentId();
        this.contextId = tenancy.contextId().orElse(null);
        this.contextTitle = tenancy.contextTitle().orElse(null);
        this.resourceLinkId = tenancy.resourceLinkId().orElse(null);
        this.resourceLinkTitle = tenancy.resourceLinkTitle().orElse(null);
        this.subject = person.subject();
        this.displayName = person.displayName();
        this.email = person.email().orElse(null);
        this.roles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.ltiRoles = ltiRoles.length() > 4000 ? ltiRoles.substring(0, 4000) : ltiRoles;
        this.customJson = customJson;
        this.messageType = messageType;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Platform + deployment + context: every query about this person's data is scoped by it. */
    public record Tenancy(long platformId, String issuer, String deploymentId, Optional<String> contextId,
                          Optional<String> contextTitle, Optional<String> resourceLinkId,
                          Optional<String> resourceLinkTitle) {
    }

    public record Person(String subject, String displayName, Optional<String> email) {
    }

    /**
     * The platform services the launch offered: the AGS endpoint claim (line item of this link, the
     * context's line items, the scopes granted), the NRPS memberships URL, and for a deep-linking
     * request its settings as the LTI library serialised them.
     */
    public record Services(Optional<String> lineItem, Optional<String> lineItems, Set<String> agsScopes,
                           Optional<String> membershipsUrl, Optional<String> deepLinkingJson) {

        public static final Services NONE = new Services(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty());

        public boolean gradebook() {
            return lineItem.isPresent() || lineItems.isPresent();
        }
    }

    /** Records the launch's service claims and Tandem's client_id at the platform. */
    public void services(String clientId, Services services) {
        this.clientId = clientId;
        this.agsLineItem = services.lineItem().orElse(null);
        this.agsLineItems = services.lineItems().orElse(null);
        this.agsScopes = services.agsScopes().isEmpty() ? null : String.join(" ", new java.util.TreeSet<>(services.agsScopes()));
        this.nrpsUrl = services.membershipsUrl().orElse(null);
        this.deepLinkingJson = services.deepLinkingJson().orElse(null);
    }

    public Services services() {
        Set<String> scopes = agsScopes == null || agsScopes.isBlank() ? Set.of()
                : Set.copyOf(Arrays.asList(agsScopes.trim().split("\\s+")));
        return new Services(Optional.ofNullable(agsLineItem), Optional.ofNullable(agsLineItems), scopes,
                Optional.ofNullable(nrpsUrl), Optional.ofNullable(deepLinkingJson));
    }

    /** Records the language the platform asked for (launch_presentation.locale); an over-long tag is ignored. */
    public void speaks(Optional<String> locale) {
        this.locale = locale.map(String::trim).filter(l -> !l.isEmpty() && l.length() <= 35).orElse(null);
    }

    public Optional<String> locale() {
        return Optional.ofNullable(locale);
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Set<TandemRole> roles() {
        EnumSet<TandemRole> set = EnumSet.noneOf(TandemRole.class);
        Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(TandemRole::valueOf).forEach(set::add);
        return set;
    }

    public boolean has(TandemRole role) {
        return roles().contains(role);
    }

    public Tenancy tenancy() {
        return new Tenancy(platformId, issuer, deploymentId, Optional.ofNullable(contextId),
                Optional.ofNullable(contextTitle), Optional.ofNullable(resourceLinkId), Optional.ofNullable(resourceLinkTitle));
    }

    public Person person() {
        return new Person(subject, displayName, Optional.ofNullable(email));
    }

    /** The launch's custom parameters (set by the trainer on the link, or by deep linking). */
    public java.util.Map<String, String> custom() {
        if (customJson == null || customJson.isBlank()) {
            return java.util.Map.of();
        }
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(customJson))) {
            java.util.Map<String, String> custom = new java.util.LinkedHashMap<>();
            reader.readObject().forEach((k, v) -> custom.put(k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
            return java.util.Collections.unmodifiableMap(custom);
        } catch (RuntimeException e) {
            return java.util.Map.of();
        }
    }

    public String messageType() {
        return messageType;
    }

    public String ltiRoles() {
        return ltiRoles;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
