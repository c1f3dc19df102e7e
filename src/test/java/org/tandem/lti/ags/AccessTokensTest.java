package org.tandem.lti.ags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.testing.MutableClock;

class AccessTokensTest {

    static final List<String> SCORE = AccessTokens.scopes(AgsScope.SCORE);
    static RSAKey toolKey;

    MutableClock clock;
    AgsTestPlatform platform;
    AccessTokens tokens;

    static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .keyID(UUID.randomUUID().toString()).generate();
    }

    @BeforeAll
    static void generateToolKey() throws Exception {
        toolKey = newKey();
    }

    @BeforeEach
    void startPlatform() throws IOException {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        platform = new AgsTestPlatform(toolKey, clock);
        tokens = new AccessTokens(new OutboundHttp(), () -> toolKey, clock);
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Test
    void obtainsTokenWithVerifiedClientAssertion() throws Exception {
        String token = tokens.token(platform.endpoint(), SCORE);

        assertThat(token).startsWith("token-");
        var assertion = platform.assertions().get(0);
        assertThat(assertion.getIssuer()).isEqualTo(AgsTestPlatform.CLIENT_ID);
        assertThat(assertion.getSubject()).isEqualTo(AgsTestPlatform.CLIENT_ID);
        assertThat(assertion.getAudience()).containsExactly(platform.tokenUrl().toString());
        assertThat(assertion.getIssueTime().toInstant()).isEqualTo(clock.instant().minusSeconds(5));
        assertThat(assertion.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        var request = platform.received("POST").get(0);
        assertThat(request.headers()).containsEntry("user-agent", OutboundHttp.USER_AGENT);
        assertThat(request.body()).contains("scope=" + java.net.URLEncoder.encode(AgsScope.SCORE.uri(), "UTF-8"));
    }

    @Test
    void reusesCachedTokenForTheSameScopesInAnyOrder() throws Exception {
        List<String> both = AccessTokens.scopes(AgsScope.SCORE, AgsScope.LINEITEM);
        String first = tokens.token(platform.endpoint(), both);
        String second = tokens.token(platform.endpoint(), List.of(both.get(1), both.get(0)));

        assertThat(second).isEqualTo(first);
        assertThat(platform.tokenRequests()).isEqualTo(1);
    }

    @Test
    void keepsSeparateTokensPerScopeSetAndClient() throws Exception {
        String score = tokens.token(platform.endpoint(), SCORE);
        String lineItem = tokens.token(platform.endpoint(), AccessTokens.scopes(AgsScope.LINEITEM));

        assertThat(lineItem).isNotEqualTo(score);
        assertThat(platform.tokenRequests()).isEqualTo(2);
    }

    @Test
    void renewsTokenThirtySecondsBeforeExpiry() throws Exception {
        String first = tokens.token(platform.endpoint(), SCORE);
        clock.advance(Duration.ofSeconds(3600 - 31));
        assertThat(tokens.token(platform.endpoint(), SCORE)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.token(platform.endpoint(), SCORE)).isNotEqualTo(first);
        assertThat(platform.tokenRequests()).isEqualTo(2);
    }

    @Test
    void usesShortMoodleTokensForHalfTheirLife() throws Exception {
        platform.expiresIn = 60;
        String first = tokens.token(platform.endpoint(), SCORE);
        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.token(platform.endpoint(), SCORE)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.token(platform.endpoint(), SCORE)).isNotEqualTo(first);
    }

    @Test
    void forgetsTokenThePlatformDropped() throws Exception {
        String first = tokens.token(platform.endpoint(), SCORE);
        tokens.forget(platform.endpoint(), SCORE, first);

        assertThat(tokens.token(platform.endpoint(), SCORE)).isNotEqualTo(first);
    }

    @Test
    void rejectedAssertionIsNotRetryableAndNamesTheLikelyCause() throws Exception {
        // the platform holds another key under Tandem's kid, as after a key rotation it never heard of
        platform.registerKey(new RSAKeyGenerator(2048).keyID(toolKey.getKeyID()).generate());

        assertThatThrownBy(() -> tokens.token(platform.endpoint(), SCORE))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                    assertThat(e.getMessage())
                            .contains("signature does not verify")
                            .contains("public key or JWKS URL registered")
                            .contains("client_id '" + AgsTestPlatform.CLIENT_ID + "'")
                            .contains("token URL");
                });
    }

    @Test
    void badRequestFromTokenUrlIsNotRetryable() {
        platform.tokenFailure = 400;

        assertThatThrownBy(() -> tokens.token(platform.endpoint(), SCORE))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("invalid_client");
                });
    }

    @Test
    void serverErrorIsRetryable() {
        platform.tokenFailure = 500;

        assertThatThrownBy(() -> tokens.token(platform.endpoint(), SCORE))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                });
    }

    @Test
    void timeoutIsRetryable() {
        AccessTokens slow = new AccessTokens(new TimingOut(), () -> toolKey, clock);

        assertThatThrownBy(() -> slow.token(platform.endpoint(), SCORE))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("did not answer in time");
                });
    }

    @Test
    void failedRequestIsNotCached() throws Exception {
        platform.tokenFailure = 503;
        assertThatThrownBy(() -> tokens.token(platform.endpoint(), SCORE)).isInstanceOf(AccessTokenException.class);

        platform.tokenFailure = 0;
        assertThat(tokens.token(platform.endpoint(), SCORE)).startsWith("token-");
    }

    /** An HTTP sender whose every request times out, as against a platform that hangs. */
    static final class TimingOut extends OutboundHttp {
        @Override
        public HttpResponse<String> send(HttpRequest request) throws IOException {
            throw new HttpTimeoutException("request timed out");
        }
    }
}
