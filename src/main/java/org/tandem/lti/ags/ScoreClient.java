package org.tandem.lti.ags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.tandem.lti.OutboundHttp;

/**
 * Publishes scores to a line item (AGS 2.0 §3.4). Never throws for what the platform answers:
 * every outcome is a {@link Delivery}, so the gradebook's outbox can decide between done,
 * failed-with-reason and try-again.
 */
@ApplicationScoped
public class ScoreClient {

    private static final List<String> SCOPES = AccessTokens.scopes(AgsScope.SCORE);

    private BearerCalls calls;

    protected ScoreClient() {
        // for CDI
    }

    @Inject
    public ScoreClient(AccessTokens tokens, OutboundHttp http) {
        this.calls = new BearerCalls(tokens, http);
    }

    /** The scores endpoint of a line item: its URL with /scores added to the path, query string kept. */
    public static URI scoresUrl(URI lineItem) {
        return BearerCalls.appendPath(lineItem, "/scores");
    }

    public Delivery publish(TokenEndpoint endpoint, URI lineItem, Score score) {
        URI target = scoresUrl(lineItem);
        HttpResponse<String> response;
        try {
            response = calls.send(endpoint, SCOPES, target, request -> request
                    .header("Content-Type", Score.MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(score.toJson().toString())));
        } catch (AgsException e) {
            return Delivery.of(e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Delivery.delivered(status);
        }
        String answer = "HTTP " + status + " from " + target + ": " + AgsException.excerpt(response.body());
        if (AgsException.retryableStatus(status)) {
            return Delivery.retryable(status, answer);
        }
        return Delivery.failed(status, answer + hint(status));
    }

    /** The platform rules behind answers that will not change on retry (issue 4, platform quirks). */
    private static String hint(int status) {
        return switch (status) {
            case 400 -> " (a score with a timestamp older than the platform's latest is refused by Canvas this way)";
            case 401, 403 -> " (the platform does not let Tandem publish scores here: check the AGS scope granted)";
            case 404 -> " (the line item no longer exists on the platform)";
            case 409 -> " (the platform already holds a newer score for this user: Moodle refuses older timestamps)";
            case 422 -> " (the platform accepts scores only for students: Canvas answers this for its test student"
                    + " and non-student roles)";
            default -> "";
        };
    }
}
