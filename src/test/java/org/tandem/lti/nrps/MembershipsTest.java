package org.tandem.lti.nrps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.LtiRole;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ags.AccessTokens;
import org.tandem.lti.testing.TestPlatform;

/**
 * The NRPS client against the in-test platform over real HTTP: its token endpoint verifies
 * Tandem's client assertion with the key set Tandem publishes (served here by the platform's own
 * server, standing in for Tandem's JWKS URL), and its membership endpoint demands a Bearer token
 * with the membership scope and pages with {@code Link: rel="next"}.
 */
class MembershipsTest {

    static final String PATH = "/platform/courses/course-42/memberships";
    static RSAKey toolKey;

    /** One platform for the class: starting one generates an RSA key, which takes a while. */
    static TestPlatform platform;
    /** What the membership endpoint answers for page n (1-based). */
    static volatile IntFunction<Page> pages;
    static final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    static final Set<Integer> pagesServed = ConcurrentHashMap.newKeySet();

    Memberships memberships;
    int tokenRequestsBefore;

    record Page(int status, String body, String link) {
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .keyID(UUID.randomUUID().toString()).generate();
        platform = TestPlatform.start();
        platform.serve("/tool/jwks", exchange -> TestPlatform.respond(exchange, 200, "application/json",
                new JWKSet(toolKey).toPublicJWKSet().toString()));
        platform.serve(PATH, MembershipsTest::serveMemberships);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    /** A fresh client (empty token cache) and a platform that trusts Tandem's key and has forgotten earlier tokens. */
    @BeforeEach
    void resetPlatform() {
        platform.trustTool(platform.origin() + "/tool/jwks");
        platform.tokenStatus(200);
        platform.revokeTokens();
        requests.clear();
        pagesServed.clear();
        tokenRequestsBefore = platform.tokenRequests();
        OutboundHttp http = new OutboundHttp();
        memberships = new Memberships(new AccessTokens(http, () -> toolKey, Clock.systemUTC()), http);
    }

    private static void serveMemberships(HttpExchange exchange) throws IOException {
        Map<String, String> query = TestPlatform.form(exchange.getRequestURI().getRawQuery());
        requests.add(Map.of("accept", String.valueOf(exchange.getRequestHeaders().getFirst("Accept")),
                "page", query.getOrDefault("page", "1")));
        Set<String> scopes = platform.bearerScopes(exchange);
        if (scopes == null || !scopes.contains(Memberships.SCOPE)) {
            TestPlatform.respond(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        int n = Integer.parseInt(query.getOrDefault("page", "1"));
        pagesServed.add(n);
        Page page = pages.apply(n);
        if (page.link() != null) {
            exchange.getResponseHeaders().add("Link", page.link());
        }
        TestPlatform.respond(exchange, page.status(), Memberships.MEDIA_TYPE, page.body());
    }

    private static URI url() {
        return URI.create(platform.origin() + PATH);
    }

    private static String pageLink(int n) {
        return "<" + url() + "?page=" + n + ">; rel=\"next\"";
    }

    private MembershipContainer fetch() throws NrpsException {
        return memberships.fetch(URI.create(platform.tokenUrl()), platform.clientId(), url());
    }

    private NrpsException failure() {
        return catchThrowableOfType(NrpsException.class, this::fetch);
    }

    static String container(int from, int count) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (int i = from; i < from + count; i++) {
            JsonObjectBuilder m = Json.createObjectBuilder().add("user_id", "user-" + i)
                    .add("roles", Json.createArrayBuilder().add(TestPlatform.ROLE_LEARNER))
                    .add("name", "Learner " + i).add("given_name", "Learner").add("family_name", String.valueOf(i))
                    .add("email", "learner" + i + "@example.org");
            if (i % 10 == 3) {
                m.add("status", "Inactive");
            }
            members.add(m);
        }
        return Json.createObjectBuilder().add("id", "memberships")
                .add("context", Json.createObjectBuilder().add("id", "course-42").add("title", "Working Together"))
                .add("members", members).build().toString();
    }

    @Test
    void readsEveryMemberFromThreePages() throws Exception {
        pages = n -> switch (n) {
            case 1 -> new Page(200, container(1, 50), pageLink(2) + ", <" + url() + "?page=3>; rel=\"last\"");
            case 2 -> new Page(200, container(51, 50), "<" + url() + "?page=1>; rel=\"first\", " + pageLink(3));
            default -> new Page(200, container(101, 7), null);
        };

        MembershipContainer all = fetch();

        assertThat(all.pages()).isEqualTo(3);
        assertThat(all.contextId()).contains("course-42");
        assertThat(all.members()).hasSize(107).extracting(Member::userId).doesNotHaveDuplicates()
                .startsWith("user-1", "user-2").endsWith("user-107");
        Member third = all.members().get(2);
        assertThat(third.status()).isEqualTo(Member.Status.INACTIVE);
        assertThat(all.members().get(0).status()).as("no status means Active").isEqualTo(Member.Status.ACTIVE);
        assertThat(third.displayName()).contains("Learner 3");
        assertThat(third.email()).contains("learner3@example.org");
        assertThat(third.roles()).singleElement().satisfies(r -> assertThat(r.isContext("Learner")).isTrue());
        assertThat(requests).extracting(r -> r.get("accept")).containsOnly(Memberships.MEDIA_TYPE);
        assertThat(requests).extracting(r -> r.get("page")).containsExactly("1", "2", "3");
        assertThat(platform.tokenRequests() - tokenRequestsBefore).as("one token serves every page").isEqualTo(1);
    }

    @Test
    void failsTheWholeReadWhenTheSecondPageIsMalformed() {
        pages = n -> switch (n) {
            case 1 -> new Page(200, container(1, 50), pageLink(2));
            case 2 -> new Page(200, "{\"members\":[{\"name\":\"Nobody\",\"roles\":[]}]}", pageLink(3));
            default -> new Page(200, container(101, 7), null);
        };

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.MALFORMED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("page 2").contains("without a user_id");
        assertThat(pagesServed).as("no page read after the broken one").containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void refusesAPageThatIsNotJson() {
        pages = n -> n == 1 ? new Page(200, container(1, 5), pageLink(2)) : new Page(200, "<html>Login</html>", null);

        assertThat(failure()).satisfies(e -> {
            assertThat(e.failure()).isEqualTo(NrpsException.Failure.MALFORMED);
            assertThat(e.getMessage()).contains("page 2").contains("is not JSON").contains("<html>Login</html>");
        });
    }

    @Test
    void refusesAMemberWithAStatusTheSpecDoesNotKnow() {
        pages = n -> new Page(200, "{\"members\":[{\"user_id\":\"u1\",\"roles\":[],\"status\":\"Suspended\"}]}", null);

        assertThat(failure().getMessage()).contains("member u1").contains("Suspended").contains("Active, Inactive and Deleted");
    }

    @Test
    void readsDeletedMembersAndStatusUris() throws Exception {
        pages = n -> new Page(200, "{\"members\":[{\"user_id\":\"u1\",\"roles\":[\"Instructor\"],\"status\":\"Deleted\"},"
                + "{\"user_id\":\"u2\",\"roles\":[],\"status\":\"http://purl.imsglobal.org/vocab/lis/v2/status#Inactive\"}]}", null);

        MembershipContainer all = fetch();

        assertThat(all.members()).extracting(Member::status).containsExactly(Member.Status.DELETED, Member.Status.INACTIVE);
        assertThat(all.members().get(0).roles()).extracting(LtiRole::name).containsExactly("Instructor");
        assertThat(all.members().get(1).displayName()).as("the platform withheld the name").isEmpty();
        assertThat(all.contextId()).isEmpty();
    }

    @Test
    void namesTheLikelyCauseWhenTheTokenEndpointAnswers401() {
        pages = n -> new Page(200, container(1, 5), null);
        platform.tokenStatus(401);

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.TOKEN_REFUSED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("invalid_client").contains("public key or JWKS URL registered")
                .contains(platform.clientId());
        assertThat(requests).as("no membership request without a token").isEmpty();
    }

    @Test
    void namesTheLikelyCauseWhenTheToolKeyIsNotTheRegisteredOne() throws Exception {
        pages = n -> new Page(200, container(1, 5), null);
        RSAKey other = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        platform.serve("/other/jwks", exchange -> TestPlatform.respond(exchange, 200, "application/json",
                new JWKSet(other).toPublicJWKSet().toString()));
        platform.trustTool(platform.origin() + "/other/jwks");

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.TOKEN_REFUSED);
        assertThat(e.getMessage()).contains("is not in the tool's JWKS").contains("JWKS URL");
    }

    @Test
    void reportsAServerErrorAsRetryable() {
        pages = n -> new Page(503, "<html>Service Unavailable</html>", null);

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.PLATFORM_ERROR);
        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("HTTP 503").contains("try again later");
    }

    @Test
    void reportsAServerErrorOnALaterPageAsAFailureOfTheWholeRead() {
        pages = n -> n < 3 ? new Page(200, container(n * 10, 10), pageLink(n + 1)) : new Page(500, "", null);

        assertThat(failure()).satisfies(e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("page=3").contains("HTTP 500");
        });
    }

    @Test
    void saysNrpsIsNotEnabledWhenThePlatformAnswers403() {
        pages = n -> new Page(403, "{\"error\":\"insufficient_scope\"}", null);

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.NOT_PERMITTED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("insufficient_scope").contains("enable Names and Role Provisioning Services");
    }

    @Test
    void stopsAtALinkBackToAPageAlreadyRead() {
        pages = n -> new Page(200, container(n * 10, 2), n == 2 ? "<" + url() + ">; rel=\"next\"" : pageLink(n + 1));

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.ENDLESS_PAGES);
        assertThat(e.getMessage()).contains("read already");
        assertThat(requests).hasSize(2);
    }

    @Test
    void stopsAfterTheMostPagesItReads() {
        pages = n -> new Page(200, container(n, 1), pageLink(n + 1));
        OutboundHttp http = new OutboundHttp();
        // the real limit (Memberships.MAX_PAGES) is 200 pages; 200 round trips would only make the test slow
        memberships = new Memberships(new AccessTokens(http, () -> toolKey, Clock.systemUTC()), http, 12);

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.ENDLESS_PAGES);
        assertThat(e.getMessage()).contains("more than 12 pages");
        assertThat(requests).hasSize(12);
    }

    @Test
    void followsARelativeNextLink() throws Exception {
        pages = n -> new Page(200, container(n * 10, 3), n == 1 ? "<memberships?page=2>; rel=next" : null);

        assertThat(fetch().members()).hasSize(6);
    }

    @Test
    void neverSendsItsTokenToAnotherSite() {
        pages = n -> new Page(200, container(1, 3), "<https://elsewhere.example/steal?page=2>; rel=\"next\"");

        NrpsException e = failure();

        assertThat(e.failure()).isEqualTo(NrpsException.Failure.MALFORMED);
        assertThat(e.getMessage()).contains("another site").contains("elsewhere.example");
    }
}
