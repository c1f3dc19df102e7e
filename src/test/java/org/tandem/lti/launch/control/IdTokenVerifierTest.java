package org.tandem.lti.launch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.tandem.lti.testing.TestPlatform.CONTEXT;
import static org.tandem.lti.testing.TestPlatform.DEEP_LINKING_SETTINGS;
import static org.tandem.lti.testing.TestPlatform.DEPLOYMENT_ID;
import static org.tandem.lti.testing.TestPlatform.RESOURCE_LINK;
import static org.tandem.lti.testing.TestPlatform.ROLES;
import static org.tandem.lti.testing.TestPlatform.TARGET_LINK_URI;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.tandem.lti.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.LtiRole;
import org.tandem.lti.MessageType;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.testing.TestPlatform;

/**
 * The id_token checks of Security Framework 1.0 §5.1.3 and LTI Core 1.3 §5.3–5.4, one test per
 * rule, against tokens a real (in-test) platform signs and keys fetched from its JWKS over HTTP.
 */
class IdTokenVerifierTest {

    private static final long PLATFORM_ID = 7L;
    /** Tandem's default minimum interval between two fetches of one JWKS, plus a second. */
    private static final Duration PAST_REFETCH_INTERVAL = Duration.ofSeconds(61);
    /** Tandem's shortest time between two fetches of one JWKS, plus a second. */
    private static final Duration PAST_FETCH_GAP = Duration.ofSeconds(6);

    private static TestPlatform platform;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final CheckLog log = new CheckLog();
    private final String nonce = UUID.randomUUID().toString();

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    // ----- acceptance -------------------------------------------------------------------------

    @Test
    void acceptsValidResourceLinkLaunchAndLogsEveryCheckPassed() throws Exception {
        LtiLaunch launch = verifier().verify(platform.idToken(nonce).build(), PLATFORM_ID, registration(platform),
                nonce, log);

        assertThat(launch.messageType()).isEqualTo(MessageType.RESOURCE_LINK);
        assertThat(List.of(LaunchCheck.TOKEN_FORMAT, LaunchCheck.KEY_ID, LaunchCheck.SIGNATURE, LaunchCheck.ISSUER, LaunchCheck.AUDIENCE,
                LaunchCheck.AUTHORIZED_PARTY, LaunchCheck.EXPIRY, LaunchCheck.ISSUED_AT, LaunchCheck.NONCE,
                LaunchCheck.MESSAGE_TYPE, LaunchCheck.VERSION, LaunchCheck.REQUIRED_CLAIMS))
                .allSatisfy(check -> assertThat(log.outcome(check)).as(check.name()).isEqualTo(CheckLog.Outcome.PASSED));
        // the caller's checks are not the verifier's to pass
        assertThat(log.outcome(LaunchCheck.STATE)).isEqualTo(CheckLog.Outcome.NOT_REACHED);
    }

    @Test
    void launchCarriesTypedClaims() throws Exception {
        String token = platform.idToken(nonce)
                .subject("user-123")
                .person("Mary", "Seacole", "mary@example.org")
                .roles(TestPlatform.ROLE_INSTRUCTOR,
                        "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
                        TestPlatform.ROLE_ADMINISTRATOR)
                .context("course-7", "NURS7", "Leading Wards")
                .resourceLink("link-9", "Discharge meeting")
                .targetLinkUri("https://tandem.example/lti/launch")
                .custom(Map.of("professional_group", "manager", "phase", 2))
                .assignmentAndGradeService()
                .namesAndRoleService()
                .launchPresentation("iframe", platform.issuer() + "/return", "en-GB")
                .build();

        LtiLaunch launch = verify(token);

        assertThat(launch.tenant()).isEqualTo(new LtiLaunch.Tenant(PLATFORM_ID, platform.issuer(),
                platform.clientId(), platform.deploymentId()));
        assertThat(launch.targetLinkUri()).isEqualTo("https://tandem.example/lti/launch");
        assertThat(launch.user()).isEqualTo(new LtiLaunch.User("user-123", Optional.of("Mary Seacole"),
                Optional.of("Mary"), Optional.of("Seacole"), Optional.of("mary@example.org")));
        assertThat(launch.user().displayName()).isEqualTo("Mary Seacole");
        assertThat(launch.context()).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("course-7");
            assertThat(c.label()).contains("NURS7");
            assertThat(c.title()).contains("Leading Wards");
            assertThat(c.types()).containsExactly("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering");
        });
        assertThat(launch.resourceLink()).hasValue(new LtiLaunch.ResourceLink("link-9",
                Optional.of("Discharge meeting"), Optional.empty()));
        assertThat(launch.roles()).extracting(LtiRole::scope, LtiRole::name, LtiRole::subRole).containsExactlyInAnyOrder(
                tuple(LtiRole.Scope.CONTEXT, "Instructor", null),
                tuple(LtiRole.Scope.CONTEXT, "Instructor", "TeachingAssistant"),
                tuple(LtiRole.Scope.INSTITUTION, "Administrator", null));
        assertThat(launch.hasContextRole("Instructor")).isTrue();
        assertThat(launch.custom()).containsOnly(Map.entry("professional_group", "manager"), Map.entry("phase", "2"));
        assertThat(launch.ags()).hasValueSatisfying(ags -> {
            assertThat(ags.scopes()).contains("https://purl.imsglobal.org/spec/lti-ags/scope/score");
            assertThat(ags.lineItems()).contains(platform.issuer() + "/courses/course-42/lineitems");
            assertThat(ags.lineItem()).contains(platform.issuer() + "/courses/course-42/lineitems/7");
        });
        assertThat(launch.nrps()).hasValue(new LtiLaunch.Nrps(platform.issuer() + "/courses/course-42/memberships",
                List.of("2.0")));
        assertThat(launch.presentation()).hasValue(new LtiLaunch.Presentation(Optional.of("iframe"),
                Optional.of(platform.issuer() + "/return"), Optional.of("en-GB")));
        assertThat(launch.deepLinking()).isEmpty();
    }

    @Test
    void deepLinkingLaunchCarriesItsSettings() throws Exception {
        LtiLaunch launch = verify(platform.idToken(nonce).deepLinking().build());

        assertThat(launch.messageType()).isEqualTo(MessageType.DEEP_LINKING);
        assertThat(launch.resourceLink()).isEmpty();
        assertThat(launch.deepLinking()).hasValue(new LtiLaunch.DeepLinkingSettings(
                platform.issuer() + "/deep-links/return", List.of("ltiResourceLink"), List.of("iframe", "window"),
                Optional.of("application/vnd.ims.lti.v1.ltilink"), true, true, Optional.of("Add Tandem activities"),
                Optional.of("Choose modules, scenarios or instruments"), Optional.of("opaque-platform-data")));
    }

    @Test
    void launchWithoutOptionalClaimsHasEmptyOptionals() throws Exception {
        LtiLaunch launch = verify(platform.idToken(nonce)
                .without("name").without("given_name").without("family_name").without("email")
                .without(CONTEXT).without(TestPlatform.CUSTOM).subject("anon-1").build());

        assertThat(launch.user().displayName()).isEqualTo("anon-1");
        assertThat(launch.user().email()).isEmpty();
        assertThat(launch.context()).isEmpty();
        assertThat(launch.custom()).isEmpty();
        assertThat(launch.ags()).isEmpty();
        assertThat(launch.nrps()).isEmpty();
    }

    @Test
    void acceptsEmptyRolesClaim() throws Exception {
        // LTI Core §5.3.7: the roles claim is required but may be empty (an anonymous launch)
        LtiLaunch launch = verify(platform.idToken(nonce).roles().build());

        assertThat(launch.roles()).isEmpty();
    }

    // ----- signature --------------------------------------------------------------------------

    @Test
    void rejectsTokenSignedByUnpublishedKey() {
        assertThatThrownBy(() -> verify(platform.idToken(nonce).signedWithUnpublishedKey().build()))
                .isInstanceOfSatisfying(LaunchRejection.class,
                        r -> assertThat(r.check()).isEqualTo(LaunchCheck.SIGNATURE));
        assertThat(log.outcome(LaunchCheck.SIGNATURE)).isEqualTo(CheckLog.Outcome.FAILED);
        assertThat(log.outcome(LaunchCheck.ISSUER)).isEqualTo(CheckLog.Outcome.NOT_REACHED);
    }

    @Test
    void rejectsTokenWithoutKidEvenWhenThePlatformPublishesOneKey() {
        // LTI Advantage certification, known bad payloads: "No KID Sent in JWT header". The platform
        // publishes exactly one key and that key signed the token: it is still refused.
        assertThat(platform.jwksJson()).contains(platform.currentKid());
        String token = platform.idToken(nonce).withoutKid().build();
        CheckLog attemptLog = new CheckLog();

        assertThatThrownBy(() -> verifier().verify(token, PLATFORM_ID, registration(platform), nonce, attemptLog))
                .isInstanceOfSatisfying(LaunchRejection.class, r -> {
                    assertThat(r.check()).isEqualTo(LaunchCheck.KEY_ID);
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.getMessage()).contains("no kid");
                    assertThat(r.adminHint()).contains(platform.jwksUrl());
                });
        assertThat(attemptLog.outcome(LaunchCheck.TOKEN_FORMAT)).isEqualTo(CheckLog.Outcome.PASSED);
        assertThat(attemptLog.outcome(LaunchCheck.KEY_ID)).isEqualTo(CheckLog.Outcome.FAILED);
        assertThat(attemptLog.outcome(LaunchCheck.SIGNATURE)).isEqualTo(CheckLog.Outcome.NOT_REACHED);
    }

    @Test
    void rejectsUnpublishedKeyPosingAsPublishedKid() {
        assertRejected(platform.idToken(nonce).signedWithUnpublishedKey().headerKid(platform.currentKid()).build(),
                LaunchCheck.SIGNATURE);
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = platform.idToken(nonce).build().split("\\.");
        String payload = Base64URL.from(parts[1]).decodeToString().replace("Ada Lovelace", "Eve Mallory");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertRejected(tampered, LaunchCheck.SIGNATURE);
    }

    @Test
    void rejectsUnsecuredTokenWithAlgNone() {
        // an alg=none JWT is not a JWS at all, so it already fails "the id_token is a signed JWT"
        assertRejected(platform.idToken(nonce).unsigned().build(), LaunchCheck.TOKEN_FORMAT);
    }

    @Test
    void rejectsHmacSignedToken() {
        assertRejected(platform.idToken(nonce).signedWithHmac(randomSecret()).build(), LaunchCheck.SIGNATURE);
    }

    @Test
    void rejectsHmacKeyedWithPlatformPublicKey() throws Exception {
        // the classic algorithm-confusion attack: HS256 with the published RSA key as the secret
        byte[] publicKey = JWKSet.parse(platform.jwksJson()).getKeys().get(0)
                .toRSAKey().toPublicKey().getEncoded();

        assertRejected(platform.idToken(nonce).signedWithHmac(publicKey).build(), LaunchCheck.SIGNATURE);
    }

    @Test
    void rejectsMissingOrMalformedIdToken() {
        assertRejected(null, LaunchCheck.TOKEN_FORMAT);
        assertRejected("", LaunchCheck.TOKEN_FORMAT);
        assertRejected("not.a.jwt", LaunchCheck.TOKEN_FORMAT);
    }

    @Test
    void acceptsRotatedKeyAfterRefetchingJwks() throws Exception {
        try (TestPlatform rotating = TestPlatform.start()) {
            IdTokenVerifier verifier = verifier();
            String oldKid = rotating.currentKid();
            verifier.verify(rotating.idToken(nonce).build(), PLATFORM_ID, registration(rotating), nonce, new CheckLog());
            assertThat(rotating.jwksRequests()).isEqualTo(1);

            rotating.rotateKey();
            clock.advance(PAST_REFETCH_INTERVAL);
            LtiLaunch launch = verifier.verify(rotating.idToken(nonce).build(), PLATFORM_ID, registration(rotating),
                    nonce, log);

            assertThat(launch).isNotNull();
            assertThat(log.outcome(LaunchCheck.SIGNATURE)).isEqualTo(CheckLog.Outcome.PASSED);
            assertThat(rotating.jwksRequests()).isEqualTo(2);
            // the old key stays published, so tokens signed before the rotation still verify
            verifier.verify(rotating.idToken(nonce).signedWithKid(oldKid).build(), PLATFORM_ID,
                    registration(rotating), nonce, new CheckLog());
            assertThat(rotating.jwksRequests()).isEqualTo(2);
        }
    }

    @Test
    void aForgedKidNeitherHammersThePlatformNorBlocksItsRotation() throws Exception {
        try (TestPlatform rotating = TestPlatform.start()) {
            IdTokenVerifier verifier = verifier();
            PlatformRegistration registration = registration(rotating);
            verifier.verify(rotating.idToken(nonce).build(), PLATFORM_ID, registration, nonce, new CheckLog());
            assertThat(rotating.jwksRequests()).isEqualTo(1);

            clock.advance(PAST_FETCH_GAP);
            // anyone may send a token naming a kid the platform never published
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> verifier.verify(rotating.idToken(nonce).signedWithUnpublishedKey().build(),
                        PLATFORM_ID, registration, nonce, new CheckLog()))
                        .isInstanceOfSatisfying(LaunchRejection.class,
                                r -> assertThat(r.check()).isEqualTo(LaunchCheck.SIGNATURE));
            }
            assertThat(rotating.jwksRequests()).as("one fetch for the forged kid, then none").isEqualTo(2);

            rotating.rotateKey();
            clock.advance(PAST_FETCH_GAP);
            verifier.verify(rotating.idToken(nonce).build(), PLATFORM_ID, registration, nonce, log);
            assertThat(log.outcome(LaunchCheck.SIGNATURE)).isEqualTo(CheckLog.Outcome.PASSED);
            assertThat(rotating.jwksRequests()).isEqualTo(3);
        }
    }

    // ----- issuer, audience, authorized party ------------------------------------------------

    @Test
    void rejectsIssuerOtherThanRegistered() {
        assertRejected(platform.idToken(nonce).issuer(platform.issuer() + "/").build(), LaunchCheck.ISSUER);
    }

    @Test
    void rejectsAudienceWithoutClientId() {
        assertRejected(platform.idToken(nonce).audience("someone-else").build(), LaunchCheck.AUDIENCE);
    }

    @Test
    void rejectsMissingAudience() {
        assertRejected(platform.idToken(nonce).without("aud").build(), LaunchCheck.AUDIENCE);
    }

    @Test
    void rejectsSeveralAudiencesWithoutAzp() {
        assertRejected(platform.idToken(nonce).audience(platform.clientId(), "another-tool").build(),
                LaunchCheck.AUTHORIZED_PARTY);
    }

    @Test
    void acceptsSeveralAudiencesWhenAzpIsClientId() throws Exception {
        LtiLaunch launch = verify(platform.idToken(nonce).audience("another-tool", platform.clientId())
                .authorizedParty(platform.clientId()).build());

        assertThat(launch.tenant().clientId()).isEqualTo(platform.clientId());
    }

    @Test
    void rejectsAzpOtherThanClientId() {
        assertRejected(platform.idToken(nonce).authorizedParty("another-tool").build(), LaunchCheck.AUTHORIZED_PARTY);
        assertRejected(platform.idToken(nonce).audience(platform.clientId(), "another-tool")
                .authorizedParty("another-tool").build(), LaunchCheck.AUTHORIZED_PARTY);
    }

    // ----- time ------------------------------------------------------------------------------

    @Test
    void rejectsExpiredToken() {
        Instant now = clock.instant();
        assertRejected(platform.idToken(nonce).issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(61)).build(),
                LaunchCheck.EXPIRY);
    }

    @Test
    void rejectsTokenWithoutExp() {
        assertRejected(platform.idToken(nonce).without("exp").build(), LaunchCheck.EXPIRY);
    }

    @Test
    void acceptsExpiryWithinClockSkew() throws Exception {
        Instant now = clock.instant();
        assertThat(verify(platform.idToken(nonce).issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(59))
                .build())).isNotNull();
    }

    @Test
    void rejectsTokenIssuedInTheFuture() {
        Instant now = clock.instant();
        assertRejected(platform.idToken(nonce).issuedAt(now.plusSeconds(61)).expiresAt(now.plusSeconds(600)).build(),
                LaunchCheck.ISSUED_AT);
    }

    @Test
    void rejectsTokenWithoutIat() {
        assertRejected(platform.idToken(nonce).without("iat").build(), LaunchCheck.ISSUED_AT);
    }

    @Test
    void acceptsIssuedAtWithinClockSkew() throws Exception {
        Instant now = clock.instant();
        assertThat(verify(platform.idToken(nonce).issuedAt(now.plusSeconds(59)).expiresAt(now.plusSeconds(600))
                .build())).isNotNull();
    }

    @Test
    void honoursClockSkewOfTheRegistration() throws Exception {
        Instant now = clock.instant();
        String expiredTwoMinutesAgo = platform.idToken(nonce).issuedAt(now.minusSeconds(600))
                .expiresAt(now.minusSeconds(120)).build();
        String issuedInTwoMinutes = platform.idToken(nonce).issuedAt(now.plusSeconds(120))
                .expiresAt(now.plusSeconds(600)).build();
        String expiredASecondAgo = platform.idToken(nonce).issuedAt(now.minusSeconds(600))
                .expiresAt(now.minusSeconds(1)).build();
        IdTokenVerifier verifier = verifier();

        PlatformRegistration tolerant = registration(platform, Duration.ofMinutes(3));
        assertThat(verifier.verify(expiredTwoMinutesAgo, PLATFORM_ID, tolerant, nonce, new CheckLog())).isNotNull();
        assertThat(verifier.verify(issuedInTwoMinutes, PLATFORM_ID, tolerant, nonce, new CheckLog())).isNotNull();

        PlatformRegistration strict = registration(platform, Duration.ZERO);
        assertThatThrownBy(() -> verifier.verify(expiredASecondAgo, PLATFORM_ID, strict, nonce, new CheckLog()))
                .isInstanceOfSatisfying(LaunchRejection.class, r -> assertThat(r.check()).isEqualTo(LaunchCheck.EXPIRY));
    }

    // ----- nonce -----------------------------------------------------------------------------

    @Test
    void rejectsNonceOtherThanSentAtLogin() {
        assertRejected(platform.idToken("nonce-of-another-login").build(), LaunchCheck.NONCE);
    }

    @Test
    void rejectsTokenWithoutNonce() {
        assertRejected(platform.idToken(null).build(), LaunchCheck.NONCE);
    }

    // ----- LTI message claims ----------------------------------------------------------------

    @Test
    void rejectsTokenWithoutDeploymentId() {
        assertRejected(platform.idToken(nonce).without(DEPLOYMENT_ID).build(), LaunchCheck.DEPLOYMENT);
        assertRejected(platform.idToken(nonce).deploymentId(" ").build(), LaunchCheck.DEPLOYMENT);
    }

    @Test
    void rejectsMessageTypeToolDoesNotHandle() {
        assertRejected(platform.idToken(nonce).messageType("LtiSubmissionReviewRequest").build(),
                LaunchCheck.MESSAGE_TYPE);
        assertRejected(platform.idToken(nonce).without(TestPlatform.MESSAGE_TYPE).build(), LaunchCheck.MESSAGE_TYPE);
    }

    @Test
    void rejectsVersionOtherThan130() {
        assertRejected(platform.idToken(nonce).version("1.1").build(), LaunchCheck.VERSION);
        assertRejected(platform.idToken(nonce).without(TestPlatform.VERSION).build(), LaunchCheck.VERSION);
    }

    static Stream<Arguments> resourceLinkRequiredClaims() {
        return Stream.of(
                Arguments.of("sub", (UnaryOperator<TestPlatform.IdToken>) t -> t.without("sub")),
                Arguments.of("blank sub", (UnaryOperator<TestPlatform.IdToken>) t -> t.subject(" ")),
                Arguments.of("roles", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(ROLES)),
                Arguments.of("resource_link", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(RESOURCE_LINK)),
                Arguments.of("resource_link.id", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(RESOURCE_LINK, "id")),
                Arguments.of("target_link_uri", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(TARGET_LINK_URI)),
                Arguments.of("context.id", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(CONTEXT, "id")));
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("resourceLinkRequiredClaims")
    void rejectsResourceLinkRequestMissingRequiredClaim(String claim, UnaryOperator<TestPlatform.IdToken> change) {
        assertRejected(change.apply(platform.idToken(nonce)).build(), LaunchCheck.REQUIRED_CLAIMS);
    }

    static Stream<Arguments> deepLinkingRequiredClaims() {
        return Stream.of(
                Arguments.of("deep_linking_settings",
                        (UnaryOperator<TestPlatform.IdToken>) t -> t.without(DEEP_LINKING_SETTINGS)),
                Arguments.of("deep_link_return_url",
                        (UnaryOperator<TestPlatform.IdToken>) t -> t.without(DEEP_LINKING_SETTINGS, "deep_link_return_url")),
                Arguments.of("accept_types",
                        (UnaryOperator<TestPlatform.IdToken>) t -> t.without(DEEP_LINKING_SETTINGS, "accept_types")),
                Arguments.of("accept_presentation_document_targets",
                        (UnaryOperator<TestPlatform.IdToken>) t -> t.without(DEEP_LINKING_SETTINGS,
                                "accept_presentation_document_targets")),
                Arguments.of("sub", (UnaryOperator<TestPlatform.IdToken>) t -> t.without("sub")),
                Arguments.of("roles", (UnaryOperator<TestPlatform.IdToken>) t -> t.without(ROLES)));
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("deepLinkingRequiredClaims")
    void rejectsDeepLinkingRequestMissingRequiredClaim(String claim, UnaryOperator<TestPlatform.IdToken> change) {
        assertRejected(change.apply(platform.idToken(nonce).deepLinking()).build(), LaunchCheck.REQUIRED_CLAIMS);
    }

    // ----- claim types and sizes (LTI Core 1.3 §5.3–5.4) ---------------------------------------

    static Stream<Arguments> wronglyTypedClaims() {
        return Stream.of(
                Arguments.of("roles as a string", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(ROLES, TestPlatform.ROLE_LEARNER)),
                Arguments.of("roles holding a number", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(ROLES, List.of(1))),
                Arguments.of("context as a string", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(CONTEXT, "course-7")),
                Arguments.of("custom as an array", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(TestPlatform.CUSTOM,
                        List.of("tandem_activity=module:handover"))),
                Arguments.of("launch_presentation as a string", (UnaryOperator<TestPlatform.IdToken>) t ->
                        t.claim(TestPlatform.LAUNCH_PRESENTATION, "https://lms.example/return")),
                Arguments.of("AGS endpoint as an array", (UnaryOperator<TestPlatform.IdToken>) t ->
                        t.claim(TestPlatform.AGS_ENDPOINT, List.of("https://lms.example/lineitems"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wronglyTypedClaims")
    void refusesClaimsOfAnotherTypeThanLtiCoreGivesThem(String what, UnaryOperator<TestPlatform.IdToken> change) {
        assertRejected(change.apply(platform.idToken(nonce)).build(), LaunchCheck.CLAIM_VALUES);
    }

    static Stream<Arguments> overlongClaims() {
        String id = "i".repeat(256);
        String url = "https://lms.example/" + "p".repeat(2000);
        return Stream.of(
                Arguments.of("sub", (UnaryOperator<TestPlatform.IdToken>) t -> t.subject(id)),
                Arguments.of("deployment_id", (UnaryOperator<TestPlatform.IdToken>) t -> t.deploymentId(id)),
                Arguments.of("context id", (UnaryOperator<TestPlatform.IdToken>) t -> t.context(id, "L", "Course")),
                Arguments.of("resource link id", (UnaryOperator<TestPlatform.IdToken>) t -> t.resourceLink(id, "Link")),
                Arguments.of("line item URL", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(TestPlatform.AGS_ENDPOINT,
                        Map.of("scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/score"), "lineitem", url))),
                Arguments.of("memberships URL", (UnaryOperator<TestPlatform.IdToken>) t -> t.claim(TestPlatform.NRPS,
                        Map.of("context_memberships_url", url, "service_versions", List.of("2.0")))));
    }

    @ParameterizedTest(name = "{0} too long")
    @MethodSource("overlongClaims")
    void refusesIdsAndUrlsLongerThanTandemKeeps(String what, UnaryOperator<TestPlatform.IdToken> change) {
        assertRejected(change.apply(platform.idToken(nonce)).build(), LaunchCheck.CLAIM_VALUES);
    }

    @Test
    void acceptsIdsOfExactly255Characters() throws Exception {
        String id = "i".repeat(255);
        LtiLaunch launch = verify(platform.idToken(nonce).subject(id).context(id, "L", "Course").resourceLink(id, "Link").build());

        assertThat(launch.user().subject()).isEqualTo(id);
        assertThat(log.outcome(LaunchCheck.CLAIM_VALUES)).isEqualTo(CheckLog.Outcome.PASSED);
    }

    @Test
    void shortensLongNamesAndTitlesAndSaysSo() throws Exception {
        String long600 = "n".repeat(600);
        LtiLaunch launch = verify(platform.idToken(nonce).person(long600, long600, long600 + "@example.org")
                .context("course-7", "NURS7", long600).resourceLink("link-9", long600).build());

        assertThat(launch.user().givenName()).hasValueSatisfying(n -> assertThat(n).hasSize(LtiLaunch.MAX_TEXT));
        assertThat(launch.user().email()).hasValueSatisfying(e -> assertThat(e).hasSize(LtiLaunch.MAX_TEXT));
        assertThat(launch.user().displayName()).hasSize(LtiLaunch.MAX_TEXT);
        assertThat(launch.context().orElseThrow().title()).hasValueSatisfying(t -> assertThat(t).hasSize(LtiLaunch.MAX_TEXT));
        assertThat(launch.resourceLink().orElseThrow().title()).hasValueSatisfying(t -> assertThat(t).hasSize(LtiLaunch.MAX_TEXT));
        assertThat(log.notes()).anySatisfy(n -> assertThat(n).contains("given_name shortened from 600 to 512"))
                .anySatisfy(n -> assertThat(n).contains("resource link title"));
    }

    @Test
    void rejectionNamesWhatFailedAndStopsThere() {
        assertThatThrownBy(() -> verify(platform.idToken(nonce).audience("someone-else").build()))
                .isInstanceOfSatisfying(LaunchRejection.class, r -> {
                    assertThat(r.getMessage()).contains("someone-else").contains(platform.clientId());
                    assertThat(r.adminHint()).isNotBlank();
                    assertThat(r.status()).isEqualTo(401);
                });
        assertThat(log.outcome(LaunchCheck.ISSUER)).isEqualTo(CheckLog.Outcome.PASSED);
        assertThat(log.outcome(LaunchCheck.AUDIENCE)).isEqualTo(CheckLog.Outcome.FAILED);
        assertThat(log.outcome(LaunchCheck.EXPIRY)).isEqualTo(CheckLog.Outcome.NOT_REACHED);
        assertThat(CheckLog.decode(log.encode())).containsEntry(LaunchCheck.AUDIENCE, CheckLog.Outcome.FAILED)
                .containsEntry(LaunchCheck.NONCE, CheckLog.Outcome.NOT_REACHED);
    }

    // ----- helpers ---------------------------------------------------------------------------

    private LtiLaunch verify(String token) throws LaunchRejection {
        return verifier().verify(token, PLATFORM_ID, registration(platform), nonce, log);
    }

    private void assertRejected(String token, LaunchCheck check) {
        CheckLog attemptLog = new CheckLog();
        assertThatThrownBy(() -> verifier().verify(token, PLATFORM_ID, registration(platform), nonce, attemptLog))
                .isInstanceOfSatisfying(LaunchRejection.class, r -> {
                    assertThat(r.check()).as("failed check of %s", r.getMessage()).isEqualTo(check);
                    assertThat(r.status()).isEqualTo(check.status());
                });
        assertThat(attemptLog.outcome(check)).isEqualTo(CheckLog.Outcome.FAILED);
    }

    private IdTokenVerifier verifier() {
        return new IdTokenVerifier(new PlatformKeySets(TestPlatform.jwksFetcher(), clock), clock);
    }

    private static PlatformRegistration registration(TestPlatform p) {
        return registration(p, Duration.ofSeconds(60));
    }

    private static PlatformRegistration registration(TestPlatform p, Duration skew) {
        return new PlatformRegistration(p.issuer(), p.clientId(), "Test Platform", p.authUrl(),
                Optional.of(p.tokenUrl()), p.jwksUrl(), DeploymentPolicy.STRICT, skew);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

}
