package org.tandem.demo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ags.AccessTokens;
import org.tandem.lti.ags.AgsScope;
import org.tandem.lti.ags.TokenEndpoint;
import org.tandem.lti.testing.MutableClock;

/**
 * The demo platform's token endpoint logic (Security Framework §4.1, RFC 7523): Tandem's own
 * {@link AccessTokens} gets a token from it over real HTTP; assertions breaking one rule each
 * are refused with the RFC 6749 error and the failed check; tokens open only their scopes.
 */
class DemoAccessTokensTest {

    static final String TOKEN_URL = "http://localhost:8080/demo/token";
    static RSAKey toolKey;
    static JWKSet published;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DemoAccessTokens tokens;

    /** Replays remembered in memory, as the database does for the real guard. */
    static final class MemoryGuard extends DemoReplayGuard {
        final Set<String> used = new HashSet<>();

        @Override
        public boolean firstUse(String kind, String value, Instant expiresAt) {
            return used.add(kind + ":" + value);
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyID("tool-key").generate();
        published = new JWKSet(toolKey.toPublicJWK());
    }

    @BeforeEach
    void platform() {
        tokens = new DemoAccessTokens(() -> published, new MemoryGuard(), clock);
    }

    /** An assertion like Tandem's: iss = sub = client id, aud = token URL, iat 5 s back, 5 min, fresh jti. */
    String assertion(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(DemoPlatform.CLIENT_ID).subject(DemoPlatform.CLIENT_ID)
                .audience(TOKEN_URL).issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("tool-key").build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(toolKey));
        return jwt.serialize();
    }

    DemoAccessTokens.Issued issue(String assertion, String scope) throws DemoAccessTokens.Refused {
        return tokens.issue(new DemoAccessTokens.TokenRequest(DemoAccessTokens.GRANT_TYPE, DemoAccessTokens.ASSERTION_TYPE,
                assertion, scope), DemoPlatform.CLIENT_ID, TOKEN_URL);
    }

    void refused(String assertion, String scope, int status, String error, String because) {
        assertThatThrownBy(() -> issue(assertion, scope)).isInstanceOf(DemoAccessTokens.Refused.class)
                .hasMessageContaining(because)
                .satisfies(e -> {
                    assertThat(((DemoAccessTokens.Refused) e).status()).isEqualTo(status);
                    assertThat(((DemoAccessTokens.Refused) e).error()).isEqualTo(error);
                });
    }

    @Test
    void issuesABearerTokenToTandemsOwnClientOverHttp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String tokenUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/demo/token";
        server.createContext("/demo/token", exchange -> {
            Map<String, String> form = Arrays.stream(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0],
                    p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
            String answer;
            int status;
            try {
                DemoAccessTokens.Issued issued = tokens.issue(new DemoAccessTokens.TokenRequest(form.get("grant_type"),
                        form.get("client_assertion_type"), form.get("client_assertion"), form.get("scope")),
                        DemoPlatform.CLIENT_ID, tokenUrl);
                answer = Json.createObjectBuilder().add("access_token", issued.accessToken()).add("token_type", "Bearer")
                        .add("expires_in", issued.expiresIn()).build().toString();
                status = 200;
            } catch (DemoAccessTokens.Refused e) {
                answer = Json.createObjectBuilder().add("error", e.error()).add("error_description", e.getMessage()).build().toString();
                status = e.status();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            AccessTokens tandem = new AccessTokens(new OutboundHttp(), () -> toolKey, Clock.systemUTC());
            List<String> scopes = AccessTokens.scopes(AgsScope.SCORE, AgsScope.LINEITEM);
            String token = tandem.token(new TokenEndpoint(URI.create(tokenUrl), DemoPlatform.CLIENT_ID), scopes);

            assertThat(tokens.authorize("Bearer " + token, Set.of(DemoAccessTokens.SCORE)).allowed()).isTrue();
            assertThat(tokens.authorize("Bearer " + token, Set.of(DemoAccessTokens.MEMBERSHIPS)).status()).isEqualTo(403);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void grantsOnlyTheAgsAndNrpsScopes() throws Exception {
        DemoAccessTokens.Issued issued = issue(assertion(b -> b), DemoAccessTokens.SCORE + " " + DemoAccessTokens.MEMBERSHIPS);
        assertThat(issued.expiresIn()).isEqualTo(3600);
        assertThat(issued.scope().split(" ")).containsExactlyInAnyOrder(DemoAccessTokens.SCORE, DemoAccessTokens.MEMBERSHIPS);
        refused(assertion(b -> b), "https://purl.imsglobal.org/spec/lti-ags/scope/score openid", 400, "invalid_scope",
                "does not grant [openid]");
        refused(assertion(b -> b), " ", 400, "invalid_scope", "scope is required");
    }

    @Test
    void refusesOtherGrantsAndAssertionTypes() {
        assertThatThrownBy(() -> tokens.issue(new DemoAccessTokens.TokenRequest("password", DemoAccessTokens.ASSERTION_TYPE,
                "x", DemoAccessTokens.SCORE), DemoPlatform.CLIENT_ID, TOKEN_URL))
                .hasMessageContaining("grant_type must be client_credentials");
        assertThatThrownBy(() -> tokens.issue(new DemoAccessTokens.TokenRequest(DemoAccessTokens.GRANT_TYPE, "basic",
                "x", DemoAccessTokens.SCORE), DemoPlatform.CLIENT_ID, TOKEN_URL))
                .hasMessageContaining("client_assertion_type must be");
    }

    @Test
    void refusesAssertionsThatBreakARuleAsInvalidClient() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("tool-key").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("tool-key").build(),
                SignedJWT.parse(assertion(b -> b)).getJWTClaimsSet());
        forged.sign(new RSASSASigner(stranger));
        refused(forged.serialize(), DemoAccessTokens.SCORE, 401, "invalid_client", "SIGNATURE");
        refused(assertion(b -> b.issuer("other")), DemoAccessTokens.SCORE, 401, "invalid_client", "ISSUER");
        refused(assertion(b -> b.subject("other")), DemoAccessTokens.SCORE, 401, "invalid_client", "SUBJECT");
        refused(assertion(b -> b.audience("http://localhost:8080/demo")), DemoAccessTokens.SCORE, 401, "invalid_client",
                "AUDIENCE");
        refused(assertion(b -> b.issueTime(Date.from(clock.instant().plusSeconds(10)))), DemoAccessTokens.SCORE, 401,
                "invalid_client", "ISSUED_AT");
        refused(assertion(b -> b.expirationTime(Date.from(clock.instant().minusSeconds(1)))), DemoAccessTokens.SCORE, 401,
                "invalid_client", "EXPIRY");
        refused(assertion(b -> b.jwtID(null)), DemoAccessTokens.SCORE, 401, "invalid_client", "JTI");
    }

    @Test
    void toleratesAFewSecondsOfClockDifferenceButNoMore() throws Exception {
        issue(assertion(b -> b.issueTime(Date.from(clock.instant().plusSeconds(4)))), DemoAccessTokens.SCORE);
        refused(assertion(b -> b.issueTime(Date.from(clock.instant().plusSeconds(6)))), DemoAccessTokens.SCORE, 401,
                "invalid_client", "in the future");
    }

    @Test
    void refusesAReplayedAssertion() throws Exception {
        String once = assertion(b -> b);
        issue(once, DemoAccessTokens.SCORE);
        refused(once, DemoAccessTokens.SCORE, 401, "invalid_client", "replay");
    }

    @Test
    void tokensOpenTheirScopesUntilTheyExpire() throws Exception {
        String token = issue(assertion(b -> b), DemoAccessTokens.SCORE).accessToken();

        assertThat(tokens.authorize("Bearer " + token, Set.of(DemoAccessTokens.SCORE)).allowed()).isTrue();
        assertThat(tokens.authorize("bearer " + token, Set.of(DemoAccessTokens.SCORE)).allowed()).isTrue();
        DemoAccessTokens.Authorization scope = tokens.authorize("Bearer " + token, Set.of(DemoAccessTokens.RESULT_READONLY));
        assertThat(scope.status()).isEqualTo(403);
        assertThat(scope.error()).isEqualTo("insufficient_scope");
        assertThat(tokens.authorize(null, Set.of(DemoAccessTokens.SCORE)).status()).isEqualTo(401);
        assertThat(tokens.authorize("Bearer made-up", Set.of(DemoAccessTokens.SCORE)).error()).isEqualTo("invalid_token");

        clock.advance(Duration.ofHours(1));
        assertThat(tokens.authorize("Bearer " + token, Set.of(DemoAccessTokens.SCORE)).status()).isEqualTo(401);
    }
}
