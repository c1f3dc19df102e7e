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
 * The demo LTI 1.3 platform. It registers itself like any platform (issuer {@code <base>/demo},
 * token URL {@code <base>/demo/token}) and signs real id_tokens that Tandem's launch validates in
 * full: resource link launches carrying the AGS and NRPS claims of the demo course, and
 * deep-linking requests for its trainer.
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
    /**
     * Like Moodle's, the demo's AGS URLs carry a query string a tool must keep: scores go to the
     * line item URL with /scores added to its path, not to its end.
     */
    public static final String TYPE_ID = "1";
    public static final String DEEP_LINK_RETURN = "demo/deep-links/return";

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

    /**
     * On when configured so, else on exactly when Tandem runs locally: on the embedded database
     * and without a public base URL. Anyone who reaches the demo can launch as a trainer, so an
     * instance with TANDEM_BASE_URL set keeps it off unless an administrator turns it on.
     */
    public boolean enabled() {
        return enabledSetting.orElseGet(() -> DatabaseSettings.current().embedded() && !urls.configured());
    }

    public static String issuer(URI base) {
        return base.resolve("demo").toString();
    }

    public static String tokenUrl(URI base) {
        return base.resolve("demo/token").toString();
    }

    /** The demo course's line items container (AGS 2.0 §3.2, the claim's lineitems). */
    public static String lineItemsUrl(URI base) {
        return base.resolve("demo/courses/" + COURSE_ID + "/lineitems") + "?type_id=" + TYPE_ID;
    }

    /** One line item (AGS 2.0 §3.2, the claim's lineitem); scores and results hang below it. */
    public static String lineItemUrl(URI base, long id) {
        return base.resolve("demo/courses/" + COURSE_ID + "/lineitems/" + id + "/lineitem") + "?type_id=" + TYPE_ID;
    }

    /** The demo course's membership container (NRPS 2.0, context_memberships_url). */
    public static String membershipsUrl(URI base) {
        return base.resolve("demo/courses/" + COURSE_ID + "/memberships").toString();
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
        Optional<Platform> registered = platforms.find(issuer, CLIENT_ID);
        if (registered.isEmpty()) {
            return platforms.register(new PlatformRegistration(issuer, CLIENT_ID, "Tandem demo platform",
                    base.resolve("demo/auth").toString(), Optional.of(tokenUrl(base)), base.resolve("demo/jwks").toString(),
                    DeploymentPolicy.STRICT, Duration.ofSeconds(60)), RegistrationSource.DEMO, List.of(DEPLOYMENT_ID));
        }
        PlatformRegistration current = registered.get().registration();
        if (current.tokenUrl().filter(tokenUrl(base)::equals).isPresent()) {
            return registered.get();
        }
        // registered before the demo had a token endpoint: give it one, keep the rest as it is
        return platforms.register(new PlatformRegistration(current.issuer(), current.clientId(), current.name(),
                current.authLoginUrl(), Optional.of(tokenUrl(base)), current.jwksUrl(), current.deploymentPolicy(),
                current.clockSkew()), RegistrationSource.DEMO, List.of(DEPLOYMENT_ID));
    }

    /** The demo platform's public key set. */
    public JWKSet publicKeys() {
        return new JWKSet(key().toPublicJWK());
    }

    /**
     * The id_token for an authentication request Tandem sent here: a resource link launch into
     * the demo course as the given person, with the course's AGS and NRPS endpoints.
     */
    public String idToken(URI base, DemoPerson person, String nonce, String launchUrl, DemoLink link, String returnUrl) {
        java.util.Map<String, String> custom = new java.util.LinkedHashMap<>(person.custom());
        custom.putAll(link.custom());
        java.util.Map<String, Object> resourceLink = new java.util.LinkedHashMap<>();
        resourceLink.put("id", link.id());
        resourceLink.put("title", link.title());
        link.text().ifPresent(text -> resourceLink.put("description", text));
        // AGS 2.0 §3.1: lineitem only for a link with its own column; fixed links make Tandem find or create one
        java.util.Map<String, Object> ags = new java.util.LinkedHashMap<>();
        ags.put("scope", DemoAccessTokens.AGS_SCOPES);
        ags.put("lineitems", lineItemsUrl(base));
        link.lineItemId().ifPresent(id -> ags.put("lineitem", lineItemUrl(base, id)));
        JWTClaimsSet claims = common(base, person, nonce, returnUrl)
                .claim(LtiClaims.MESSAGE_TYPE, "LtiResourceLinkRequest")
                .claim(LtiClaims.TARGET_LINK_URI, link.url().orElse(launchUrl))
                .claim(LtiClaims.RESOURCE_LINK, resourceLink)
                .claim(LtiClaims.CUSTOM, custom)
                .claim(LtiClaims.AGS_ENDPOINT, ags)
                // NRPS 2.0 §3.6.1
                .claim(LtiClaims.NRPS, Map.of("context_memberships_url", membershipsUrl(base), "service_versions", List.of("2.0")))
                .build();
        return sign(claims);
    }

    /**
     * The id_token of a deep-linking request (Deep Linking 2.0 §4.4): no resource link, the
     * settings of what the demo course accepts, and a data value the response must echo.
     */
    public String deepLinkingRequest(URI base, DemoPerson person, String nonce, String launchUrl, String data,
                                     String returnUrl) {
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("deep_link_return_url", base.resolve(DEEP_LINK_RETURN).toString());
        settings.put("accept_types", List.of("ltiResourceLink"));
        settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
        settings.put("accept_multiple", true);
        settings.put("auto_create", true);
        settings.put("title", "Tandem activities");
        settings.put("text", "Activities for " + COURSE_TITLE);
        settings.put("data", data);
        JWTClaimsSet claims = common(base, person, nonce, returnUrl)
                .claim(LtiClaims.MESSAGE_TYPE, "LtiDeepLinkingRequest")
                .claim(LtiClaims.TARGET_LINK_URI, launchUrl)
                .claim(LtiClaims.DEEP_LINKING_SETTINGS, settings)
                .claim(LtiClaims.CUSTOM, person.custom())
                .build();
        return sign(claims);
    }

    /** The claims every message of the demo carries: who, where, for whom and until when. */
    private JWTClaimsSet.Builder common(URI base, DemoPerson person, String nonce, String returnUrl) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
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
                .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
                .claim(LtiClaims.DEPLOYMENT_ID, DEPLOYMENT_ID)
                .claim(LtiClaims.ROLES, person.roles())
                .claim(LtiClaims.CONTEXT, Map.of("id", COURSE_ID, "label", COURSE_LABEL, "title", COURSE_TITLE,
                        "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")))
                .claim(LtiClaims.TOOL_PLATFORM, Map.of("guid", "tandem-demo", "name", "Tandem demo platform",
                        "product_family_code", "tandem-demo", "version", "1"))
                .claim(LtiClaims.LAUNCH_PRESENTATION, Map.of("document_target", "iframe",
                        "return_url", returnUrl, "locale", "en-GB"));
    }

    private String sign(JWTClaimsSet claims) {
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
