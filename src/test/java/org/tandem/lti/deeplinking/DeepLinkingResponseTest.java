package org.tandem.lti.deeplinking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.LtiRole;
import org.tandem.lti.MessageType;
import org.tandem.lti.deeplinking.ResourceLinkItem.LineItem;

/**
 * The LtiDeepLinkingResponse of Deep Linking 2.0 ("Deep Linking Response Message"), signed with a
 * key generated for the test and read back the way a platform would: signature first, then claims.
 */
class DeepLinkingResponseTest {

    private static final String ISSUER = "https://moodle.example.org";
    private static final String CLIENT_ID = "tandem-client-42";
    private static final String DEPLOYMENT_ID = "deployment-7";
    private static final String RETURN_URL = "https://moodle.example.org/mod/lti/contentitem_return.php?course=3";
    private static final URI LAUNCH_URL = URI.create("https://tandem.example.org/lti/launch");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static RSAKey toolKey;

    @BeforeAll
    static void generateKey() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyID("tool-key-1").generate();
    }

    private final ResourceLinkItem scenario = new ResourceLinkItem("Waiting-list triage (role swap)",
            Map.of("activity", "scenario:triage", "phase", "practice"))
            .withText("Play the other profession's seat")
            .withLineItem(new LineItem(100, "Triage scenario", "scenario:triage", "scenario"));
    private final ResourceLinkItem preTest = new ResourceLinkItem("Attitudes before the course",
            Map.of("activity", "instrument:iepa", "phase", "pre"))
            .withUrl(URI.create("https://tandem.example.org/lti/launch?activity=pre"));

    // ----- the signed response ----------------------------------------------------------------

    @Test
    void signsWithToolKeyRs256AndKeyId() throws Exception {
        SignedJWT jwt = SignedJWT.parse(DeepLinkingResponse.to(launch(settings(true, Optional.empty())), LAUNCH_URL,
                List.of(scenario)).sign(toolKey, CLOCK));

        assertThat(jwt.verify(new RSASSAVerifier(toolKey.toPublicJWK()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("tool-key-1");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    }

    @Test
    void failsVerificationWithAnotherKey() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("tool-key-1").generate();
        SignedJWT jwt = SignedJWT.parse(DeepLinkingResponse.to(launch(settings(true, Optional.empty())), LAUNCH_URL,
                List.of(scenario)).sign(toolKey, CLOCK));

        assertThat(jwt.verify(new RSASSAVerifier(other.toPublicJWK()))).isFalse();
    }

    @Test
    void carriesToolAsIssuerPlatformAsAudienceAndTheRequestsDeployment() throws Exception {
        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(true, Optional.empty())),
                LAUNCH_URL, List.of(scenario)));

        assertThat(claims.getIssuer()).isEqualTo(CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly(ISSUER);
        assertThat(claims.getStringClaim("azp")).isEqualTo(CLIENT_ID);
        assertThat(claims.getIssueTime()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
        assertThat(claims.getStringClaim("nonce")).isNotBlank();
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type"))
                .isEqualTo("LtiDeepLinkingResponse");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/version")).isEqualTo("1.3.0");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id"))
                .isEqualTo(DEPLOYMENT_ID);
    }

    @Test
    void usesAFreshNonceForEverySignature() throws Exception {
        DeepLinkingResponse response = DeepLinkingResponse.to(launch(settings(true, Optional.empty())), LAUNCH_URL,
                List.of(scenario));

        assertThat(signedClaims(response).getStringClaim("nonce"))
                .isNotEqualTo(signedClaims(response).getStringClaim("nonce"));
    }

    @Test
    void writesResourceLinksWithCustomParametersAndLineItems() throws Exception {
        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(true, Optional.empty())),
                LAUNCH_URL, List.of(scenario, preTest)));

        List<Object> items = claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isEqualTo(Map.of(
                "type", "ltiResourceLink",
                "title", "Waiting-list triage (role swap)",
                "text", "Play the other profession's seat",
                "url", "https://tandem.example.org/lti/launch",
                "custom", Map.of("activity", "scenario:triage", "phase", "practice"),
                "lineItem", Map.of("scoreMaximum", 100.0, "label", "Triage scenario",
                        "resourceId", "scenario:triage", "tag", "scenario")));
        assertThat(items.get(1)).isEqualTo(Map.of(
                "type", "ltiResourceLink",
                "title", "Attitudes before the course",
                "url", "https://tandem.example.org/lti/launch?activity=pre",
                "custom", Map.of("activity", "instrument:iepa", "phase", "pre")));
    }

    @Test
    void leavesOutOptionalLineItemFieldsAndEmptyCustom() throws Exception {
        ResourceLinkItem bare = new ResourceLinkItem("Module 1", Map.of())
                .withLineItem(new LineItem(10.5, "Module 1 check", Optional.empty(), Optional.empty()));

        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(false, Optional.empty())),
                LAUNCH_URL, List.of(bare)));

        assertThat(claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items"))
                .containsExactly(Map.of("type", "ltiResourceLink", "title", "Module 1",
                        "url", "https://tandem.example.org/lti/launch",
                        "lineItem", Map.of("scoreMaximum", 10.5, "label", "Module 1 check")));
    }

    @Test
    void echoesTheRequestsDataUnchanged() throws Exception {
        String data = "csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53&x=\"y\"";

        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(true, Optional.of(data))),
                LAUNCH_URL, List.of(scenario)));

        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo(data);
    }

    @Test
    void omitsDataWhenTheRequestHadNone() throws Exception {
        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(true, Optional.empty())),
                LAUNCH_URL, List.of(scenario)));

        assertThat(claims.getClaims()).doesNotContainKey("https://purl.imsglobal.org/spec/lti-dl/claim/data")
                .doesNotContainKey("https://purl.imsglobal.org/spec/lti-dl/claim/msg")
                .doesNotContainKey("https://purl.imsglobal.org/spec/lti-dl/claim/log")
                .doesNotContainKey("https://purl.imsglobal.org/spec/lti-dl/claim/errormsg")
                .doesNotContainKey("https://purl.imsglobal.org/spec/lti-dl/claim/errorlog");
    }

    @Test
    void carriesMessagesAndLogsForThePlatform() throws Exception {
        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(true, Optional.empty())),
                        LAUNCH_URL, List.of(scenario))
                .withMessage("1 activity added")
                .withLog("tandem: scenario:triage linked")
                .withErrorMessage("Pre-test not linked")
                .withErrorLog("tandem: instrument missing"));

        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/msg"))
                .isEqualTo("1 activity added");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/log"))
                .isEqualTo("tandem: scenario:triage linked");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/errormsg"))
                .isEqualTo("Pre-test not linked");
        assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/errorlog"))
                .isEqualTo("tandem: instrument missing");
    }

    @Test
    void answersACancelledSelectionWithNoItems() throws Exception {
        LtiLaunch.DeepLinkingSettings linksOnly = new LtiLaunch.DeepLinkingSettings(RETURN_URL, List.of("link"),
                List.of("iframe"), Optional.empty(), false, false, Optional.empty(), Optional.empty(),
                Optional.empty());

        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(linksOnly), LAUNCH_URL, List.of()));

        assertThat(claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")).isEmpty();
    }

    @Test
    void postsToTheRequestsReturnUrl() {
        DeepLinkingResponse response = DeepLinkingResponse.to(launch(settings(true, Optional.empty())), LAUNCH_URL,
                List.of(scenario));

        assertThat(response.returnUrl()).isEqualTo(URI.create(RETURN_URL));
        assertThat(DeepLinkingResponse.FORM_PARAMETER).isEqualTo("JWT");
    }

    // ----- refusals ---------------------------------------------------------------------------

    @Test
    void refusesAResourceLinkLaunch() {
        LtiLaunch resourceLink = new LtiLaunch(tenant(), MessageType.RESOURCE_LINK, LAUNCH_URL.toString(), user(),
                Optional.empty(), Optional.of(new LtiLaunch.ResourceLink("rl-1", Optional.empty(), Optional.empty())),
                roles(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> DeepLinkingResponse.to(resourceLink, LAUNCH_URL, List.of(scenario)))
                .isInstanceOf(DeepLinkingRefusal.class)
                .hasMessageContaining("LtiResourceLinkRequest")
                .extracting(e -> ((DeepLinkingRefusal) e).reason())
                .isEqualTo(DeepLinkingRefusal.Reason.NOT_A_DEEP_LINKING_REQUEST);
    }

    @Test
    void refusesWhenResourceLinksAreNotAccepted() {
        LtiLaunch.DeepLinkingSettings filesOnly = new LtiLaunch.DeepLinkingSettings(RETURN_URL,
                List.of("file", "link"), List.of("iframe"), Optional.empty(), true, false, Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> DeepLinkingResponse.to(launch(filesOnly), LAUNCH_URL, List.of(scenario)))
                .isInstanceOf(DeepLinkingRefusal.class)
                .hasMessageContaining("ltiResourceLink")
                .extracting(e -> ((DeepLinkingRefusal) e).reason())
                .isEqualTo(DeepLinkingRefusal.Reason.RESOURCE_LINK_NOT_ACCEPTED);
    }

    @Test
    void refusesSeveralItemsWhenOnlyOneIsAccepted() {
        assertThatThrownBy(() -> DeepLinkingResponse.to(launch(settings(false, Optional.empty())), LAUNCH_URL,
                List.of(scenario, preTest)))
                .isInstanceOf(DeepLinkingRefusal.class)
                .hasMessageContaining("single item")
                .extracting(e -> ((DeepLinkingRefusal) e).reason())
                .isEqualTo(DeepLinkingRefusal.Reason.MULTIPLE_ITEMS_NOT_ACCEPTED);
    }

    @Test
    void acceptsOneItemWhenOnlyOneIsAccepted() throws Exception {
        JWTClaimsSet claims = signedClaims(DeepLinkingResponse.to(launch(settings(false, Optional.empty())),
                LAUNCH_URL, List.of(scenario)));

        assertThat(claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")).hasSize(1);
    }

    @Test
    void refusesToSignWithAPublicKey() {
        DeepLinkingResponse response = DeepLinkingResponse.to(launch(settings(true, Optional.empty())), LAUNCH_URL,
                List.of(scenario));

        assertThatThrownBy(() -> response.sign(toolKey.toPublicJWK(), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
    }

    @Test
    void rejectsLineItemsWithoutPositiveScoreMaximumOrLabel() {
        assertThatThrownBy(() -> new LineItem(0, "Pre-test", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scoreMaximum");
        assertThatThrownBy(() -> new LineItem(Double.NaN, "Pre-test", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scoreMaximum");
        assertThatThrownBy(() -> new LineItem(10, " ", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> new ResourceLinkItem("", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
    }

    // ----- fixtures ---------------------------------------------------------------------------

    private static JWTClaimsSet signedClaims(DeepLinkingResponse response) throws Exception {
        SignedJWT jwt = SignedJWT.parse(response.sign(toolKey, CLOCK));
        assertThat(jwt.verify(new RSASSAVerifier(toolKey.toPublicJWK()))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static LtiLaunch.DeepLinkingSettings settings(boolean acceptMultiple, Optional<String> data) {
        return new LtiLaunch.DeepLinkingSettings(RETURN_URL, List.of("link", "ltiResourceLink"),
                List.of("iframe", "window"), Optional.empty(), acceptMultiple, true,
                Optional.of("Add Tandem activity"), Optional.empty(), data);
    }

    private static LtiLaunch launch(LtiLaunch.DeepLinkingSettings settings) {
        return new LtiLaunch(tenant(), MessageType.DEEP_LINKING, LAUNCH_URL.toString(), user(),
                Optional.of(new LtiLaunch.Context("course-3", Optional.of("IPC101"), Optional.empty(), List.of())),
                Optional.empty(), roles(), Map.of(), Optional.empty(), Optional.empty(), Optional.of(settings),
                Optional.empty());
    }

    private static LtiLaunch.Tenant tenant() {
        return new LtiLaunch.Tenant(1L, ISSUER, CLIENT_ID, DEPLOYMENT_ID);
    }

    private static LtiLaunch.User user() {
        return new LtiLaunch.User("trainer-1", Optional.of("Trainer One"), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static Set<LtiRole> roles() {
        return Set.of(LtiRole.parse("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"));
    }
}
