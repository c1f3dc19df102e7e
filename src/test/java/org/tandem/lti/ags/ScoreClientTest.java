package org.tandem.lti.ags;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.testing.MutableClock;

class ScoreClientTest {

    static RSAKey toolKey;
    static final Instant WHEN = Instant.parse("2026-11-26T10:15:30.123456Z");

    MutableClock clock;
    AgsTestPlatform platform;
    ScoreClient scores;
    URI lineItem;

    @BeforeAll
    static void generateToolKey() throws Exception {
        toolKey = AccessTokensTest.newKey();
    }

    @BeforeEach
    void startPlatform() throws IOException {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        platform = new AgsTestPlatform(toolKey, clock);
        OutboundHttp http = new OutboundHttp();
        scores = new ScoreClient(new AccessTokens(http, () -> toolKey, clock), http);
        lineItem = URI.create(platform.lineItemsUrl() + "/7/lineitem?type_id=3");
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    Score score() {
        return Score.graded("learner-42", 8, 10, WHEN, "Well argued");
    }

    @Test
    void publishesScoreToScoresUrlKeepingTheQueryString() {
        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.delivered()).as(delivery.reason()).isTrue();
        var post = platform.received("POST").stream().filter(r -> r.path().endsWith("/scores")).findFirst().orElseThrow();
        assertThat(post.path()).isEqualTo("/courses/3/lineitems/7/lineitem/scores");
        assertThat(post.query()).isEqualTo("type_id=3");
        assertThat(post.headers())
                .containsEntry("content-type", "application/vnd.ims.lis.v1.score+json")
                .containsEntry("user-agent", OutboundHttp.USER_AGENT)
                .hasEntrySatisfying("authorization", v -> assertThat(v).startsWith("Bearer token-"));
        JsonObject body = Json.createReader(new StringReader(post.body())).readObject();
        assertThat(body.getString("userId")).isEqualTo("learner-42");
        assertThat(body.getJsonNumber("scoreGiven").doubleValue()).isEqualTo(8.0);
        assertThat(body.getJsonNumber("scoreMaximum").doubleValue()).isEqualTo(10.0);
        assertThat(body.getString("activityProgress")).isEqualTo("Completed");
        assertThat(body.getString("gradingProgress")).isEqualTo("FullyGraded");
        assertThat(body.getString("timestamp")).isEqualTo("2026-11-26T10:15:30.123Z");
        assertThat(body.getString("comment")).isEqualTo("Well argued");
    }

    @Test
    void scoresUrlGoesBeforeTheQueryString() {
        assertThat(ScoreClient.scoresUrl(URI.create("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=3")))
                .hasToString("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=3");
        assertThat(ScoreClient.scoresUrl(URI.create("https://canvas.example/api/lti/courses/1/line_items/9")))
                .hasToString("https://canvas.example/api/lti/courses/1/line_items/9/scores");
    }

    @Test
    void reusesTheTokenForTheNextScore() {
        scores.publish(platform.endpoint(), lineItem, score());
        scores.publish(platform.endpoint(), lineItem, Score.graded("learner-43", 5, 10, WHEN, null));

        assertThat(platform.tokenRequests()).isEqualTo(1);
    }

    @Test
    void progressOnlyScoreOmitsScoreAndComment() {
        scores.publish(platform.endpoint(), lineItem,
                new Score("learner-42", null, null, ActivityProgress.Started, GradingProgress.NotReady, WHEN, null));

        String body = platform.received("POST").stream().filter(r -> r.path().endsWith("/scores")).findFirst().orElseThrow().body();
        assertThat(Json.createReader(new StringReader(body)).readObject().keySet())
                .containsExactlyInAnyOrder("userId", "activityProgress", "gradingProgress", "timestamp");
    }

    @Test
    void canvasRefusingANonStudentFailsWithItsAnswer() {
        platform.scoreStatus = 422;
        platform.scoreAnswer = "{\"errors\":{\"type\":\"unprocessable_entity\",\"message\":\"User not found in course or is not a student\"}}";

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(delivery.status()).isEqualTo(422);
        assertThat(delivery.reason()).contains("is not a student").contains("only for students");
    }

    @Test
    void moodleRefusingAnOlderTimestampFailsWithItsAnswer() {
        platform.scoreStatus = 409;
        platform.scoreAnswer = "Refusing score with an earlier timestamp for item 7 and user 42";

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(delivery.reason()).contains("earlier timestamp").contains("newer score");
    }

    @Test
    void canvasRefusingAStaleTimestampFailsWithItsAnswer() {
        platform.scoreStatus = 400;
        platform.scoreAnswer = "{\"errors\":[{\"message\":\"Provided timestamp of 2026-11-26T10:15:30.123Z before last updated time\"}]}";

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(delivery.reason()).contains("before last updated time");
    }

    @Test
    void serverErrorIsRetryable() {
        platform.scoreStatus = 500;
        platform.scoreAnswer = "Internal Server Error";

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
        assertThat(delivery.status()).isEqualTo(500);
    }

    @Test
    void timeoutIsRetryable() {
        var slow = new AccessTokensTest.TimingOut();
        ScoreClient hanging = new ScoreClient(new AccessTokens(slow, () -> toolKey, clock), slow);

        Delivery delivery = hanging.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
    }

    @Test
    void rejectedClientAssertionFailsWithTheLikelyCause() {
        platform.tokenFailure = 401;

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(delivery.status()).isEqualTo(401);
        assertThat(delivery.reason()).contains("invalid_client").contains("JWKS URL registered");
        assertThat(platform.received("POST")).noneMatch(r -> r.path().endsWith("/scores"));
    }

    @Test
    void tokenEndpointDownIsRetryable() {
        platform.tokenFailure = 503;

        assertThat(scores.publish(platform.endpoint(), lineItem, score()).outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
    }

    @Test
    void tokenDroppedByThePlatformIsReplacedOnce() {
        scores.publish(platform.endpoint(), lineItem, score());
        platform.revoked.add("token-1");

        Delivery delivery = scores.publish(platform.endpoint(), lineItem, score());

        assertThat(delivery.delivered()).as(delivery.reason()).isTrue();
        assertThat(platform.tokenRequests()).isEqualTo(2);
    }
}
