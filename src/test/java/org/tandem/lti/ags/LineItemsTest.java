package org.tandem.lti.ags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.testing.MutableClock;

class LineItemsTest {

    static RSAKey toolKey;

    AgsTestPlatform platform;
    LineItems lineItems;

    @BeforeAll
    static void generateToolKey() throws Exception {
        toolKey = AccessTokensTest.newKey();
    }

    @BeforeEach
    void startPlatform() throws IOException {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        platform = new AgsTestPlatform(toolKey, clock);
        OutboundHttp http = new OutboundHttp();
        lineItems = new LineItems(new AccessTokens(http, () -> toolKey, clock), http);
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Test
    void findsLineItemsByResourceIdAndTag() throws Exception {
        platform.addLineItem("Pre assessment", "instrument-1", "pre");
        platform.addLineItem("Post assessment", "instrument-1", "post");
        platform.addLineItem("Scenario", "scenario-4", "score");

        var found = lineItems.find(platform.endpoint(), platform.lineItemsUrl(), "instrument-1", "post");

        assertThat(found).singleElement().satisfies(item -> {
            assertThat(item.label()).isEqualTo("Post assessment");
            assertThat(item.id()).hasToString(platform.lineItemsUrl() + "/2/lineitem?type_id=3");
        });
        var get = platform.received("GET").get(0);
        assertThat(get.query()).isEqualTo("resource_id=instrument-1&tag=post");
        assertThat(get.headers())
                .containsEntry("accept", "application/vnd.ims.lis.v2.lineitemcontainer+json")
                .containsEntry("user-agent", OutboundHttp.USER_AGENT)
                .hasEntrySatisfying("authorization", v -> assertThat(v).startsWith("Bearer "));
    }

    @Test
    void createsTheLineItemWhenNoneMatches() throws Exception {
        LineItem template = LineItem.toCreate("Role-swap scenario", 100, "scenario-4", "score", "link-9");

        LineItem created = lineItems.findOrCreate(platform.endpoint(), platform.lineItemsUrl(), template);

        assertThat(created.id()).isNotNull();
        assertThat(created.resourceId()).isEqualTo("scenario-4");
        var post = platform.received("POST").stream().filter(r -> r.path().endsWith("/lineitems")).findFirst().orElseThrow();
        assertThat(post.headers()).containsEntry("content-type", "application/vnd.ims.lis.v2.lineitem+json");
        assertThat(post.body()).contains("\"resourceLinkId\":\"link-9\"").contains("\"scoreMaximum\":100");
    }

    @Test
    void findsTheLineItemItCreatedBefore() throws Exception {
        LineItem template = LineItem.toCreate("Role-swap scenario", 100, "scenario-4", "score", null);
        LineItem first = lineItems.findOrCreate(platform.endpoint(), platform.lineItemsUrl(), template);

        LineItem second = lineItems.findOrCreate(platform.endpoint(), platform.lineItemsUrl(), template);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(platform.received("POST").stream().filter(r -> r.path().endsWith("/lineitems"))).hasSize(1);
    }

    @Test
    void keepsTheQueryStringOfTheLineItemsUrl() {
        URI withQuery = URI.create("https://moodle.example/mod/lti/services.php/2/lineitems?type_id=3");

        assertThat(BearerCalls.addQuery(withQuery, "resource_id=a%20b"))
                .hasToString("https://moodle.example/mod/lti/services.php/2/lineitems?type_id=3&resource_id=a%20b");
    }

    @Test
    void missingContainerIsNotRetryable() {
        assertThatThrownBy(() -> lineItems.find(platform.endpoint(), platform.base().resolve("/courses/404/lineitems"), null, null))
                .isInstanceOfSatisfying(AgsException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(404);
                });
    }

    @Test
    void tokenEndpointDownIsRetryable() {
        platform.tokenFailure = 502;

        assertThatThrownBy(() -> lineItems.find(platform.endpoint(), platform.lineItemsUrl(), null, null))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
