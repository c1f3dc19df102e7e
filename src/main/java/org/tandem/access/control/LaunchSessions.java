package org.tandem.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.access.entity.LaunchOpened;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.LtiRole;

/**
 * Launch sessions: created from a verified launch, found by the token a page carries. Only the
 * token's SHA-256 is stored, so a database read does not yield usable tokens.
 */
@ApplicationScoped
public class LaunchSessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Event<LaunchOpened> opened;

    @Inject
    @ConfigProperty(name = "tandem.access.session-minutes", defaultValue = "480")
    long sessionMinutes;

    Clock clock = Clock.systemUTC();

    /** A new session for this launch; returns the token to put in the page URL. */
    public String open(LtiLaunch launch) {
        Instant now = clock.instant();
        em.createQuery("delete from LaunchSession s where s.expiresAt < :now").setParameter("now", now).executeUpdate();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<TandemRole> roles = RoleMapping.map(launch.roles(), launch.custom());
        JsonObjectBuilder custom = Json.createObjectBuilder();
        launch.custom().forEach(custom::add);
        String customJson = custom.build().toString();
        LaunchSession session = new LaunchSession(hash(token),
                new LaunchSession.Tenancy(launch.tenant().platformId(), launch.tenant().issuer(), launch.tenant().deploymentId(),
                        launch.context().map(LtiLaunch.Context::id),
                        launch.context().flatMap(c -> c.title().or(c::label)),
                        launch.resourceLink().map(LtiLaunch.ResourceLink::id),
                        launch.resourceLink().flatMap(LtiLaunch.ResourceLink::title)),
                new LaunchSession.Person(launch.user().subject(), launch.user().displayName(), launch.user().email()),
                roles,
                launch.roles().stream().map(LtiRole::uri).sorted().collect(Collectors.joining(" ")),
                customJson.length() > 8000 ? "{}" : customJson,
                launch.messageType().claimValue(), now, now.plus(Duration.ofMinutes(sessionMinutes)));
        session.services(launch.tenant().clientId(), new LaunchSession.Services(
                launch.ags().flatMap(LtiLaunch.Ags::lineItem),
                launch.ags().flatMap(LtiLaunch.Ags::lineItems),
                launch.ags().map(a -> Set.copyOf(a.scopes())).orElse(Set.of()),
                launch.nrps().map(LtiLaunch.Nrps::contextMembershipsUrl),
                launch.deepLinking().map(LtiLaunch.DeepLinkingSettings::toJson)));
        session.speaks(launch.presentation().flatMap(LtiLaunch.Presentation::locale));
        em.persist(session);
        opened.fire(new LaunchOpened(session));
        return token;
    }

    /** The live session for a token; empty for unknown, malformed or expired tokens. */
    public Optional<LaunchSession> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(LaunchSession.class, hash(token)))
                .filter(s -> !s.expired(clock.instant()));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
