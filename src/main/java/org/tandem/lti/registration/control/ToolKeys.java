package org.tandem.lti.registration.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.registration.entity.ToolKey;

/**
 * Tandem's RSA signing keys. The first is generated on first use and stored; rotation adds a new
 * key and keeps the old one published for a grace period so platforms can still verify client
 * assertions and deep-linking responses it signed.
 */
@ApplicationScoped
public class ToolKeys {

    private static final Logger LOG = Logger.getLogger(ToolKeys.class.getName());
    static final int KEY_SIZE = 2048;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tandem.lti.key-grace-hours", defaultValue = "24")
    long graceHours;

    Clock clock = Clock.systemUTC();

    public ToolKeys() {
    }

    public ToolKeys(EntityManager em, long graceHours, Clock clock) {
        this.em = em;
        this.graceHours = graceHours;
        this.clock = clock;
    }

    /** The key that signs now, generated if there is none yet. Needs a transaction on first call. */
    public RSAKey signingKey() {
        return em.createNamedQuery(ToolKey.ALL, ToolKey.class).getResultList().stream()
                .filter(ToolKey::active).findFirst()
                .map(ToolKeys::parse)
                .orElseGet(() -> parse(generate()));
    }

    /** Public keys of every published key: the active one and retired ones within their grace period. */
    public JWKSet publicKeys() {
        Instant now = clock.instant();
        List<ToolKey> keys = em.createNamedQuery(ToolKey.ALL, ToolKey.class).getResultList();
        if (keys.stream().noneMatch(ToolKey::active)) {
            signingKey();
            keys = em.createNamedQuery(ToolKey.ALL, ToolKey.class).getResultList();
        }
        return new JWKSet(keys.stream().filter(k -> k.published(now))
                .map(k -> (com.nimbusds.jose.jwk.JWK) parse(k).toPublicJWK()).toList());
    }

    /** A new signing key; the previous ones stay published for the grace period. */
    public ToolKey rotate() {
        Instant now = clock.instant();
        for (ToolKey key : em.createNamedQuery(ToolKey.ALL, ToolKey.class).getResultList()) {
            key.retire(now, Duration.ofHours(graceHours));
        }
        ToolKey created = generate();
        LOG.info(() -> "Tandem tool key rotated: new kid " + created.kid() + ", previous keys published for "
                + graceHours + " h");
        return created;
    }

    /**
     * Where the JOSE library was loaded from. Payara ships an older Nimbus and loads it first
     * unless the WAR's class loader delegates last (glassfish-web.xml); health shows which won.
     */
    public static String joseLibrary() {
        var source = RSAKey.class.getProtectionDomain().getCodeSource();
        String location = source == null ? "unknown" : source.getLocation().getPath();
        return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
    }

    public List<ToolKey> all() {
        return em.createNamedQuery(ToolKey.ALL, ToolKey.class).getResultList();
    }

    private ToolKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            ToolKey stored = new ToolKey(key.getKeyID(), key.toJSONString(), clock.instant());
            em.persist(stored);
            em.flush();
            LOG.info(() -> "Tandem tool key generated: kid " + key.getKeyID());
            return stored;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static RSAKey parse(ToolKey key) {
        try {
            return RSAKey.parse(key.jwkJson());
        } catch (ParseException e) {
            throw new IllegalStateException("stored tool key " + key.kid() + " is not a valid JWK", e);
        }
    }
}
