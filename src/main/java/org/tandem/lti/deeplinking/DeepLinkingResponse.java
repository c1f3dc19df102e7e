package org.tandem.lti.deeplinking;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.tandem.lti.LtiClaims;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.MessageType;

/**
 * The answer to an LtiDeepLinkingRequest (Deep Linking 2.0, "Deep Linking Response Message"):
 * the chosen ltiResourceLink items, signed with the tool's key and posted by the browser as the
 * {@value #FORM_PARAMETER} form parameter to the request's deep_link_return_url.
 *
 * <p>Immutable. Creating one checks the request's settings; {@link #sign} may be called again
 * (each call gets a fresh nonce and validity window).
 */
public final class DeepLinkingResponse {

    /** The form parameter the signed response is posted in (Deep Linking 2.0, response message). */
    public static final String FORM_PARAMETER = "JWT";
    public static final String MESSAGE_TYPE = "LtiDeepLinkingResponse";
    public static final String RESOURCE_LINK_TYPE = "ltiResourceLink";
    /** Long enough for a slow auto-submitting page, short enough to limit a leaked token's use. */
    public static final Duration VALIDITY = Duration.ofMinutes(5);

    private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    public static final String CONTENT_ITEMS = DL + "content_items";
    public static final String DATA = DL + "data";
    public static final String MSG = DL + "msg";
    public static final String LOG = DL + "log";
    public static final String ERROR_MSG = DL + "errormsg";
    public static final String ERROR_LOG = DL + "errorlog";

    private final LtiLaunch.Tenant tenant;
    private final LtiLaunch.DeepLinkingSettings settings;
    private final URI toolLaunchUrl;
    private final List<ResourceLinkItem> items;
    private final Optional<String> msg;
    private final Optional<String> log;
    private final Optional<String> errorMsg;
    private final Optional<String> errorLog;

    private DeepLinkingResponse(LtiLaunch.Tenant tenant, LtiLaunch.DeepLinkingSettings settings, URI toolLaunchUrl,
                                List<ResourceLinkItem> items, Optional<String> msg, Optional<String> log,
                                Optional<String> errorMsg, Optional<String> errorLog) {
        this.tenant = tenant;
        this.settings = settings;
        this.toolLaunchUrl = toolLaunchUrl;
        this.items = items;
        this.msg = msg;
        this.log = log;
        this.errorMsg = errorMsg;
        this.errorLog = errorLog;
    }

    /**
     * A response carrying {@code items} back to the platform that sent {@code launch}. An empty list
     * is allowed: it tells the platform nothing was chosen (the user cancelled).
     *
     * @param toolLaunchUrl written as the url of every item that has none of its own
     * @throws DeepLinkingRefusal when the launch is no deep-linking request, or its settings do
     *                            not accept these items
     */
    public static DeepLinkingResponse to(LtiLaunch launch, URI toolLaunchUrl, List<ResourceLinkItem> items) {
        Objects.requireNonNull(launch, "launch");
        if (launch.messageType() != MessageType.DEEP_LINKING || launch.deepLinking().isEmpty()) {
            throw new DeepLinkingRefusal(DeepLinkingRefusal.Reason.NOT_A_DEEP_LINKING_REQUEST,
                    "Only an LtiDeepLinkingRequest can be answered with a deep-linking response; this launch is "
                            + launch.messageType().claimValue());
        }
        return to(launch.tenant(), launch.deepLinking().get(), toolLaunchUrl, items);
    }

    /**
     * As {@link #to(LtiLaunch, URI, List)}, for a request whose tenant and settings were kept after its
     * launch (the trainer chooses on a later page).
     */
    public static DeepLinkingResponse to(LtiLaunch.Tenant tenant, LtiLaunch.DeepLinkingSettings settings,
                                         URI toolLaunchUrl, List<ResourceLinkItem> items) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(toolLaunchUrl, "toolLaunchUrl");
        List<ResourceLinkItem> chosen = List.copyOf(items);
        // Deep Linking 2.0, deep linking settings: the tool must only return item types listed in accept_types
        if (!chosen.isEmpty() && !settings.acceptsResourceLinks()) {
            throw new DeepLinkingRefusal(DeepLinkingRefusal.Reason.RESOURCE_LINK_NOT_ACCEPTED,
                    "The platform does not accept " + RESOURCE_LINK_TYPE + " items here (accept_types "
                            + settings.acceptTypes() + ")");
        }
        // accept_multiple false: at most one content item may be returned
        if (chosen.size() > 1 && !settings.acceptMultiple()) {
            throw new DeepLinkingRefusal(DeepLinkingRefusal.Reason.MULTIPLE_ITEMS_NOT_ACCEPTED,
                    "The platform accepts a single item here, but " + chosen.size() + " were chosen");
        }
        return new DeepLinkingResponse(tenant, settings, toolLaunchUrl, chosen,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A message the platform may show the user on return (claim msg). */
    public DeepLinkingResponse withMessage(String message) {
        return new DeepLinkingResponse(tenant, settings, toolLaunchUrl, items, Optional.of(message), log, errorMsg,
                errorLog);
    }

    /** A message the platform may log (claim log). */
    public DeepLinkingResponse withLog(String message) {
        return new DeepLinkingResponse(tenant, settings, toolLaunchUrl, items, msg, Optional.of(message), errorMsg,
                errorLog);
    }

    /** An error the platform may show the user on return (claim errormsg). */
    public DeepLinkingResponse withErrorMessage(String message) {
        return new DeepLinkingResponse(tenant, settings, toolLaunchUrl, items, msg, log, Optional.of(message),
                errorLog);
    }

    /** An error the platform may log (claim errorlog). */
    public DeepLinkingResponse withErrorLog(String message) {
        return new DeepLinkingResponse(tenant, settings, toolLaunchUrl, items, msg, log, errorMsg,
                Optional.of(message));
    }

    /** Where the browser posts the signed response: the request's deep_link_return_url. */
    public URI returnUrl() {
        return URI.create(settings.returnUrl());
    }

    public List<ResourceLinkItem> items() {
        return items;
    }

    /** The signed response JWT (compact form), valid for {@link #VALIDITY} from now. */
    public String sign(RSAKey toolKey) {
        return sign(toolKey, Clock.systemUTC());
    }

    /** The signed response JWT (compact form), valid for {@link #VALIDITY} from the clock's now. */
    public String sign(RSAKey toolKey, Clock clock) {
        Objects.requireNonNull(toolKey, "toolKey");
        if (!toolKey.isPrivate()) {
            throw new IllegalArgumentException("Signing needs the tool's private key; a public key was given");
        }
        // Security Framework 1.0 §5.2 (tool-originating messages): a JWT signed RS256 with a key
        // the platform finds by kid in the tool's JWKS.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(toolKey.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims(clock.instant()));
        try {
            jwt.sign(new RSASSASigner(toolKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign the deep-linking response with key "
                    + toolKey.getKeyID(), e);
        }
        return jwt.serialize();
    }

    JWTClaimsSet claims(Instant now) {
        // The tool is the issuer and the platform the audience: the reverse of the request
        // (Deep Linking 2.0, response message; Security Framework 1.0 §5.2).
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(tenant.clientId())
                .audience(tenant.issuer())
                .claim("azp", tenant.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)))
                .claim("nonce", UUID.randomUUID().toString())
                .claim(LtiClaims.MESSAGE_TYPE, MESSAGE_TYPE)
                .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
                // must match the deployment the request came from
                .claim(LtiClaims.DEPLOYMENT_ID, tenant.deploymentId())
                .claim(CONTENT_ITEMS, items.stream().map(this::contentItem).toList());
        // data: opaque to the tool, and must come back unchanged when the request carried it
        settings.data().ifPresent(data -> claims.claim(DATA, data));
        msg.ifPresent(m -> claims.claim(MSG, m));
        log.ifPresent(m -> claims.claim(LOG, m));
        errorMsg.ifPresent(m -> claims.claim(ERROR_MSG, m));
        errorLog.ifPresent(m -> claims.claim(ERROR_LOG, m));
        return claims.build();
    }

    private Map<String, Object> contentItem(ResourceLinkItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", RESOURCE_LINK_TYPE);
        json.put("title", item.title());
        item.text().ifPresent(text -> json.put("text", text));
        json.put("url", item.url().orElse(toolLaunchUrl).toString());
        if (!item.custom().isEmpty()) {
            json.put("custom", new LinkedHashMap<>(item.custom()));
        }
        item.lineItem().ifPresent(lineItem -> json.put("lineItem", lineItem(lineItem)));
        return json;
    }

    private static Map<String, Object> lineItem(ResourceLinkItem.LineItem lineItem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scoreMaximum", lineItem.scoreMaximum());
        json.put("label", lineItem.label());
        lineItem.resourceId().ifPresent(id -> json.put("resourceId", id));
        lineItem.tag().ifPresent(tag -> json.put("tag", tag));
        return json;
    }

    @Override
    public String toString() {
        return "DeepLinkingResponse[to " + tenant.issuer() + ", " + items.size() + " item(s)]";
    }
}
