package org.tandem.lti.registration.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.registration.entity.RegistryChanges;

/** The platform registry: the only way to registrations in the database. Callers own the transaction. */
@ApplicationScoped
public class Platforms {

    private static final Duration ORIGINS_TTL = Duration.ofSeconds(30);
    private static final int MAX_DEPLOYMENT_ID = 255;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    PlatformKeySets keySets;

    Clock clock = Clock.systemUTC();

    /** How old the registry that logins and launches read may be, in seconds. */
    @Inject
    @ConfigProperty(name = "tandem.lti.registry-cache-seconds", defaultValue = "5")
    long cacheSeconds;

    private volatile Snapshot snapshot;

    private record Origins(Set<String> origins, Instant expires) {
    }

    /** Frame origins by platform id, read again after 30 s and whenever a registration changes here. */
    private final Map<Long, Origins> origins = new ConcurrentHashMap<>();

    public Platforms() {
    }

    /** For tests outside a container. */
    public Platforms(EntityManager em, PlatformKeySets keySets, Clock clock) {
        this.em = em;
        this.keySets = keySets;
        this.clock = clock;
    }

    public Optional<Platform> find(long id) {
        return Optional.ofNullable(em.find(Platform.class, id));
    }

    public List<Platform> all() {
        return em.createNamedQuery(Platform.ALL, Platform.class).getResultList();
    }

    public List<Platform> byIssuer(String issuer) {
        return em.createNamedQuery(Platform.BY_ISSUER, Platform.class).setParameter("issuer", issuer).getResultList();
    }

    public Optional<Platform> find(String issuer, String clientId) {
        return byIssuer(issuer).stream().filter(p -> p.clientId().equals(clientId)).findFirst();
    }

    /**
     * The registration a login initiation refers to. Several registrations share an issuer (every
     * hosted Canvas does), so client_id decides; it may be left out only when the issuer is unique.
     */
    public LoginLookup forLogin(String issuer, String clientId) {
        List<Platform> candidates = forLaunches().stream().filter(p -> p.issuer().equals(issuer)).toList();
        if (candidates.isEmpty()) {
            return new LoginLookup(Optional.empty(), "no platform with issuer '" + issuer + "' is registered",
                    "register the platform (issuer " + issuer + ") in Tandem's admin page, by dynamic registration or in lti-config/platforms.json");
        }
        if (clientId != null && !clientId.isBlank()) {
            return candidates.stream().filter(p -> p.clientId().equals(clientId)).findFirst()
                    .map(p -> new LoginLookup(Optional.of(p), null, null))
                    .orElseGet(() -> new LoginLookup(Optional.empty(),
                            "client_id '" + clientId + "' is not registered for issuer '" + issuer + "'",
                            "register client_id " + clientId + " of " + issuer + " (the platform shows it for this tool)"));
        }
        if (candidates.size() == 1) {
            return new LoginLookup(Optional.of(candidates.get(0)), null, null);
        }
        return new LoginLookup(Optional.empty(),
                "issuer '" + issuer + "' has " + candidates.size() + " registrations and the login did not say which (no client_id)",
                "configure the platform to send client_id with the login initiation");
    }

    public record LoginLookup(Optional<Platform> platform, String problem, String hint) {
    }

    /** The registration a launch's login started for, as {@link #forLaunches} has it. */
    public Optional<Platform> forLaunch(long id) {
        return forLaunches().stream().filter(p -> p.id() == id).findFirst();
    }

    /**
     * Every registration as logins and launches read them: at most {@code
     * tandem.lti.registry-cache-seconds} old, and read again after any change written on this
     * instance (RegistryChanges). A class launching at once otherwise reads the same platform and
     * deployment rows twice per launch. Copies outside any transaction, shared by all requests:
     * never change them ({@link #admit} and {@link #allowFrameOrigin} change the row itself).
     */
    public List<Platform> forLaunches() {
        Snapshot current = snapshot;
        long changes = RegistryChanges.count();
        Instant now = clock.instant();
        if (current == null || current.changes() != changes || !now.isBefore(current.readAt().plusSeconds(cacheSeconds))) {
            List<Platform> read = all();
            read.forEach(em::detach);
            current = new Snapshot(List.copyOf(read), now, changes);
            snapshot = current;
        }
        return current.platforms();
    }

    private record Snapshot(List<Platform> platforms, Instant readAt, long changes) {
    }

    /** Creates the registration or updates the one with the same issuer + client_id. */
    public Platform register(PlatformRegistration registration, RegistrationSource source,
                             Collection<String> deploymentIds) {
        return register(registration, source, deploymentIds, List.of());
    }

    /** As {@link #register(PlatformRegistration, RegistrationSource, Collection)}, also allowing frame origins. */
    public Platform register(PlatformRegistration registration, RegistrationSource source,
                             Collection<String> deploymentIds, Collection<String> frameOrigins) {
        List<String> problems = new java.util.ArrayList<>(registration.problems());
        problems.addAll(deploymentProblems(deploymentIds));
        if (!problems.isEmpty()) {
            throw new InvalidRegistrationException(problems);
        }
        Instant now = clock.instant();
        Platform platform = find(registration.issuer(), registration.clientId()).orElse(null);
        if (platform == null) {
            platform = new Platform(registration, source, now);
            em.persist(platform);
        } else {
            keySets.evict(platform.jwksUrl());
            platform.update(registration);
        }
        for (String deploymentId : deploymentIds) {
            if (deploymentId != null && !deploymentId.isBlank()) {
                platform.addDeployment(deploymentId.trim(), false, now);
            }
        }
        for (String origin : frameOrigins) {
            platform.allowFrameOrigin(origin);
        }
        em.flush();
        origins.clear();
        return platform;
    }

    /** Deployment ids as the platform gives them (LTI Core §5.3.3: at most 255 characters). */
    public static List<String> deploymentProblems(Collection<String> deploymentIds) {
        return deploymentIds.stream().filter(d -> d != null && d.trim().length() > MAX_DEPLOYMENT_ID)
                .map(d -> "deployment_id '" + d.trim().substring(0, 40) + "…' is " + d.trim().length()
                        + " characters long; LTI deployment ids have at most " + MAX_DEPLOYMENT_ID)
                .toList();
    }

    public boolean delete(long id) {
        return find(id).map(p -> {
            keySets.evict(p.jwksUrl());
            em.remove(p);
            origins.clear();
            return true;
        }).orElse(false);
    }

    /** Whether a launch from this deployment may go on; writes nothing. */
    public DeploymentDecision decide(Platform platform, String deploymentId) {
        if (platform.deployment(deploymentId).isPresent()) {
            return DeploymentDecision.REGISTERED;
        }
        return platform.deploymentPolicy() == DeploymentPolicy.ADMIT_NEW
                ? DeploymentDecision.ADMITTED_NEW : DeploymentDecision.REFUSED;
    }

    /**
     * Lets this origin frame Tandem for the platform (see {@link Platform#allowFrameOrigin}); reads
     * the row only when the platform (possibly a launch's copy) does not allow the origin yet.
     */
    public boolean allowFrameOrigin(Platform platform, String url) {
        if (!platform.wouldAllowFrameOrigin(url)) {
            return false;
        }
        boolean added = managed(platform).allowFrameOrigin(url);
        if (added) {
            origins.clear();
        }
        return added;
    }

    /** Records a deployment the ADMIT_NEW policy let in. */
    public void admit(Platform platform, String deploymentId) {
        managed(platform).addDeployment(deploymentId, true, clock.instant());
        em.flush();
    }

    /** The row itself, for a change: a launch holds a shared copy of the registry. */
    private Platform managed(Platform platform) {
        return em.contains(platform) ? platform : em.find(Platform.class, platform.id());
    }

    public enum DeploymentDecision {
        REGISTERED, ADMITTED_NEW, REFUSED;

        public boolean allowed() {
            return this != REFUSED;
        }
    }

    /**
     * The origins that may frame the pages of this platform's launches (CSP frame-ancestors):
     * its own, never another platform's. Empty for a platform that is no longer registered.
     * Cached per instance for 30 s, as every page asks.
     */
    public Set<String> frameOrigins(long platformId) {
        Instant now = clock.instant();
        Origins cached = origins.get(platformId);
        if (cached == null || now.isAfter(cached.expires())) {
            Set<String> current = find(platformId).map(p -> Set.copyOf(p.frameOrigins())).orElse(Set.of());
            cached = new Origins(current, now.plus(ORIGINS_TTL));
            origins.put(platformId, cached);
        }
        return cached.origins();
    }

    /** The values were not a valid registration; each message names the field and the problem. */
    public static class InvalidRegistrationException extends RuntimeException {
        private final List<String> problems;

        public InvalidRegistrationException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
