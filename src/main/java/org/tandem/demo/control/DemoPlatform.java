package org.tandem.demo.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.demo.entity.DemoKey;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.LtiClaims;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.platform.control.DatabaseSettings;

/**
 * The demo LTI 1.3 platform. It registers itself like any platform (issuer {@code <base>/demo})
 * and signs real id_tokens that Tandem's launch validates in full.
 */
@ApplicationScoped
public class DemoPlatform {

    public static final String CLIENT_ID = "tandem-demo";
    public static final String DEPLOYMENT_ID = "tandem-demo-deployment";
    public static final String COURSE_ID = "demo-course-1";
    public static final String COURSE_TITLE = "Leading Together: managers and clinicians (demo course)";
    public static final String COURSE_LABEL = "LEAD-DEMO";
    public static final String LINK_ID = "demo-link-home";
    public static final String LINK_TITLE = "Tandem programme home";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Platforms platforms;

    @Inject
    ToolUrls urls;

    @Inject
    @ConfigProperty(name = "tandem.demo.enabled")
    Optional<Boolean> enabledSetting;

    Clock clock = Clock.systemUTC();

    /** On when configured so, else on exactly when Tandem runs on the embedded database. */
    public boolean enabled() {
        return enabledSetting.orElseGet(() -> DatabaseSettings.current().embedded());
    }

    public static String issuer(URI base) {
        return base.resolve("demo").toString();
    }

    /**
     * Registers the demo platform for this base URL if it is not yet. Without TANDEM_BASE_URL the
     * base comes from the request, so only loopback hosts are accepted: a forged Host header must
     * not be able to register a platform.
     */
    public Platform ensureRegistered(URI base) {
        if (!urls.configured() && !loopback(base.getHost())) {
            throw new IllegalStateException("the demo platform runs on localhost only unless TANDEM_BASE_URL is set (this request came for "
                    + base.getHost() + ")");
        }
        String issuer = issuer(base);
        return platforms.find(issuer, CLIENT_ID).orElseGet(() -> platforms.register(new PlatformRegistration(issuer, CLIENT_ID,
                "Tandem demo platform", base.resolve("demo/auth").toString(), Optional.empty(),
                base.resolve("demo/jwks").toString(), DeploymentPolicy.STRICT, Duration.ofSeconds(60)),
                RegistrationSource.DEMO, List.of(DEPLOYMENT_ID)));
    }

    /** The demo platform's public key set. */
    public JWKSet publicKeys() {
        return new JWKSet(key().toPublicJWK());
    }

    /**
     * The id_token for an authentication request Tandem sent here: a resource link launch into
     * the demo course as the given person.
     */
    public String idToken(URI base, DemoPerson person, String nonce, String targetLinkUri, DemoLink link, String returnUrl) {
        java.util.Map<String, String> custom = new java.util.LinkedHashMap<>(person.custom());
        custom.putAll(link.custom());
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer(base))
                .audience(CLIENT_ID)
                .subject(person.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("azp", CLIENT_ID)
                .claim("name", person.displayName())
                .claim("given_name", person.givenName())
                .claim("family_name", person.familyName())
                .claim("email", person.email())
                .claim(LtiClaims.MESSAGE_TYPE, "LtiResourceLinkRequest")
                .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
                .claim(LtiClaims.DEPLOYMENT_ID, DEPLOYMENT_ID)
                .claim(LtiClaims.TARGET_LINK_URI, targetLinkUri)
                .claim(LtiClaims.RESOURCE_LINK, Map.of("id", link.id(), "title", link.title()))
                .claim(LtiClaims.ROLES, person.roles())
                .claim(LtiClaims.CONTEXT, Map.of("id", COURSE_ID, "label", COURSE_LABEL, "title", COURSE_TITLE,
                        "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")))
                .claim(LtiClaims.TOOL_PLATFORM, Map.of("guid", "tandem-demo", "name", "Tandem demo platform",
                        "product_family_code", "tandem-demo", "version", "1"))
                .claim(LtiClaims.LAUNCH_PRESENTATION, Map.of("document_target", "iframe",
                        "return_url", returnUrl, "locale", "en-GB"))
                .claim(LtiClaims.CUSTOM, custom)
                .build();
        try {
            RSAKey key = key();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the demo platform could not sign its id_token", e);
        }
    }

    /**
     * A token for the demo course page's forms, derived from the demo platform's private key: a page
     * of another site cannot read it, so it cannot post those forms (the browser sends Origin: null
     * under Tandem's no-referrer policy, so the Origin header alone cannot tell).
     */
    public String formToken() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("tandem-demo-form:" + key().toJSONString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RSAKey key() {
        List<DemoKey> keys = em.createQuery("select k from DemoKey k", DemoKey.class).getResultList();
        try {
            if (!keys.isEmpty()) {
                return RSAKey.parse(keys.get(0).jwkJson());
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("demo-" + UUID.randomUUID()).generate();
            em.persist(new DemoKey(key.getKeyID(), key.toJSONString(), clock.instant()));
            em.flush();
            return key;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the demo platform key is not usable", e);
        }
    }

    public static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress()
                    && host.matches("[0-9.:\\[\\]a-fA-F]+");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
