package org.tandem.demo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.demo.control.ToolMessageRefused.Check;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.deeplinking.DeepLinkingResponse;
import org.tandem.lti.deeplinking.ResourceLinkItem;

/**
 * The demo platform verifying deep-linking responses as an LMS must: responses built and signed
 * by Tandem's own {@link DeepLinkingResponse} with a key generated for the test pass; each rule
 * broken on purpose (re-signed with the test key, so only that rule fails) is refused by name.
 */
class DeepLinkingReturnTest {

    static final String ISSUER = "http://localhost:8080/demo";
    static final String CLIENT_ID = DemoPlatform.CLIENT_ID;
    static final String DEPLOYMENT = DemoPlatform.DEPLOYMENT_ID;
    static final URI LAUNCH = URI.create("http://localhost:8080/lti/launch");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final DeepLinkingReturn.Expected EXPECTED = new DeepLinkingReturn.Expected(ISSUER, CLIENT_ID, DEPLOYMENT,
            "http://localhost:8080");

    static RSAKey toolKey;
    static JWKSet published;

    @BeforeAll
    static void keys() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyID("tool-key").generate();
        published = new JWKSet(toolKey.toPublicJWK());
    }

    static LtiLaunch.DeepLinkingSettings settings(String data) {
        return new LtiLaunch.DeepLinkingSettings(ISSUER + "/deep-links/return", List.of("ltiResourceLink"),
                List.of("iframe", "window"), Optional.empty(), true, true, Optional.empty(), Optional.empty(),
                Optional.ofNullable(data));
    }

    /** A programme as Tandem's picker would answer it: three items, two with gradebook columns. */
    static String tandemResponse(RSAKey key, String data, Instant now) {
        List<ResourceLinkItem> items = List.of(
                new ResourceLinkItem("Relationship check (before)", Map.of("tandem_activity", "assessment:relationship",
                        "tandem_phase", "pre")).withLineItem(new ResourceLinkItem.LineItem(1, "Before the programme",
                        "assessment:relationship:pre", "pre")),
                new ResourceLinkItem("Two views of one waiting list", Map.of("tandem_activity", "module:two-views"))
                        .withText("Both perspectives, side by side"),
                new ResourceLinkItem("Friday discharge (role swap)", Map.of("tandem_activity", "scenario:friday-discharge"))
                        .withLineItem(new ResourceLinkItem.LineItem(100, "Friday discharge", "scenario:friday-discharge", "scenario")));
        return DeepLinkingResponse.to(new LtiLaunch.Tenant(1, ISSUER, CLIENT_ID, DEPLOYMENT), settings(data), LAUNCH, items)
                .withMessage("3 activities added").sign(key, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Tandem's response with one change, signed again with the tool key: only the changed rule can fail. */
    static String altered(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(tandemResponse(toolKey, "data-1", NOW)).getJWTClaimsSet();
        return sign(change.apply(new JWTClaimsSet.Builder(claims)).build(), toolKey, "tool-key");
    }

    static String sign(JWTClaimsSet claims, RSAKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static DeepLinkingReturn.Checked verify(String jwt) throws ToolMessageRefused {
        return DeepLinkingReturn.verify(jwt, EXPECTED, published, NOW);
    }

    static void refusedFor(String jwt, Check check, String because) {
        assertThatThrownBy(() -> verify(jwt)).isInstanceOf(ToolMessageRefused.class)
                .satisfies(e -> assertThat(((ToolMessageRefused) e).check()).isEqualTo(check))
                .hasMessageContaining(because);
    }

    @Test
    void acceptsTandemsResponseWithItemsInOrderCustomParametersAndLineItems() throws Exception {
        DeepLinkingReturn.Checked checked = verify(tandemResponse(toolKey, "data-1", NOW));

        assertThat(checked.data()).contains("data-1");
        assertThat(checked.nonce()).isNotBlank();
        assertThat(checked.msg()).contains("3 activities added");
        assertThat(checked.items()).extracting(DeepLinkingReturn.Item::title)
                .containsExactly("Relationship check (before)", "Two views of one waiting list", "Friday discharge (role swap)");
        DeepLinkingReturn.Item first = checked.items().get(0);
        assertThat(first.custom()).containsEntry("tandem_activity", "assessment:relationship").containsEntry("tandem_phase", "pre");
        assertThat(first.url()).contains(LAUNCH.toString());
        assertThat(first.lineItem()).contains(new DeepLinkingReturn.LineItemRequest(1, "Before the programme",
                Optional.of("assessment:relationship:pre"), Optional.of("pre")));
        assertThat(checked.items().get(1).text()).contains("Both perspectives, side by side");
        assertThat(checked.items().get(1).lineItem()).isEmpty();
        assertThat(checked.items().get(2).lineItem().orElseThrow().scoreMaximum()).isEqualTo(100);
    }

    @Test
    void acceptsAnEmptyChoice() throws Exception {
        String jwt = DeepLinkingResponse.to(new LtiLaunch.Tenant(1, ISSUER, CLIENT_ID, DEPLOYMENT), settings("d"), LAUNCH,
                List.of()).withErrorMessage("Nothing chosen").sign(toolKey, Clock.fixed(NOW, ZoneOffset.UTC));
        DeepLinkingReturn.Checked checked = verify(jwt);
        assertThat(checked.items()).isEmpty();
        assertThat(checked.errorMsg()).contains("Nothing chosen");
    }

    @Test
    void refusesWhatIsNoSignedJwt() throws Exception {
        refusedFor(null, Check.FORMAT, "missing");
        refusedFor("not-a-jwt", Check.FORMAT, "not a signed JWT");
        JWTClaimsSet claims = SignedJWT.parse(tandemResponse(toolKey, "d", NOW)).getJWTClaimsSet();
        refusedFor(new PlainJWT(claims).serialize(), Check.FORMAT, "not a signed JWT");
    }

    @Test
    void refusesAnotherAlgorithmThanRs256() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(tandemResponse(toolKey, "d", NOW)).getJWTClaimsSet();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("tool-key").build(), claims);
        hmac.sign(new MACSigner("a-shared-secret-of-at-least-32-bytes!!"));
        refusedFor(hmac.serialize(), Check.ALGORITHM, "only RS256");
    }

    @Test
    void refusesAKeyTandemDoesNotPublish() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        refusedFor(tandemResponse(stranger, "d", NOW), Check.KEY, "'stranger', which Tandem does not publish");
        JWTClaimsSet claims = SignedJWT.parse(tandemResponse(toolKey, "d", NOW)).getJWTClaimsSet();
        SignedJWT noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        noKid.sign(new RSASSASigner(toolKey));
        refusedFor(noKid.serialize(), Check.KEY, "no kid");
    }

    @Test
    void refusesASignatureThatDoesNotVerify() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("tool-key").generate();
        refusedFor(tandemResponse(impostor, "d", NOW), Check.SIGNATURE, "does not verify");
        String[] parts = tandemResponse(toolKey, "d", NOW).split("\\.");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(String.join(".", parts)).getJWTClaimsSet())
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", "tampered").build();
        String tampered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(claims.toString()) + "." + parts[2];
        refusedFor(tampered, Check.SIGNATURE, "does not verify");
    }

    @Test
    void refusesTheWrongIssuerAudienceOrAuthorizedParty() throws Exception {
        refusedFor(altered(b -> b.issuer("someone-else")), Check.ISSUER, "must be the client id 'tandem-demo'");
        refusedFor(altered(b -> b.audience("https://moodle.example")), Check.AUDIENCE, "must contain '" + ISSUER + "'");
        refusedFor(altered(b -> b.audience(List.of(ISSUER, "https://other.example")).claim("azp", null)),
                Check.AUTHORIZED_PARTY, "several values");
        refusedFor(altered(b -> b.claim("azp", "intruder")), Check.AUTHORIZED_PARTY, "must be the client id");
    }

    @Test
    void refusesStaleOrFutureResponses() throws Exception {
        refusedFor(altered(b -> b.expirationTime(Date.from(NOW.minusSeconds(1)))), Check.EXPIRY, "expired");
        refusedFor(altered(b -> b.expirationTime(null)), Check.EXPIRY, "exp is missing");
        refusedFor(altered(b -> b.expirationTime(Date.from(NOW.plusSeconds(86_400)))), Check.EXPIRY, "at most 15 minutes");
        refusedFor(altered(b -> b.issueTime(Date.from(NOW.plusSeconds(120)))), Check.ISSUED_AT, "in the future");
        refusedFor(altered(b -> b.issueTime(null)), Check.ISSUED_AT, "iat is missing");
    }

    @Test
    void refusesAResponseWithoutNonce() throws Exception {
        refusedFor(altered(b -> b.claim("nonce", null)), Check.NONCE, "nonce is missing");
    }

    @Test
    void refusesTheWrongMessageTypeVersionOrDeployment() throws Exception {
        refusedFor(altered(b -> b.claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiResourceLinkRequest")),
                Check.MESSAGE_TYPE, "must be 'LtiDeepLinkingResponse'");
        refusedFor(altered(b -> b.claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.1")), Check.VERSION, "1.3.0");
        refusedFor(altered(b -> b.claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "other")),
                Check.DEPLOYMENT, "must be '" + DEPLOYMENT + "'");
    }

    @Test
    void refusesContentItemsTheCourseDidNotAskFor() throws Exception {
        String items = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
        refusedFor(altered(b -> b.claim(items, List.of(Map.of("type", "link", "url", "https://example.org")))),
                Check.CONTENT_ITEMS, "accepts ltiResourceLink only");
        refusedFor(altered(b -> b.claim(items, List.of(Map.of("type", "ltiResourceLink", "url", "https://evil.example/launch")))),
                Check.CONTENT_ITEMS, "not on the tool's site");
        refusedFor(altered(b -> b.claim(items, List.of(Map.of("type", "ltiResourceLink", "custom", Map.of("n", 3))))),
                Check.CONTENT_ITEMS, "not a string");
        refusedFor(altered(b -> b.claim(items, List.of(Map.of("type", "ltiResourceLink", "lineItem", Map.of("label", "x"))))),
                Check.CONTENT_ITEMS, "scoreMaximum greater than 0");
        refusedFor(altered(b -> b.claim(items, "not a list")), Check.CONTENT_ITEMS, "must be an array");
    }
}
