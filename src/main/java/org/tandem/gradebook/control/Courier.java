package org.tandem.gradebook.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;
import org.tandem.lti.ags.AgsException;
import org.tandem.lti.ags.AgsScope;
import org.tandem.lti.ags.Delivery;
import org.tandem.lti.ags.LineItem;
import org.tandem.lti.ags.LineItems;
import org.tandem.lti.ags.ScoreClient;
import org.tandem.lti.ags.TokenEndpoint;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.Platform;

/**
 * Takes one claimed score event to the platform: checks the registration still stands (a revoked
 * deployment stops deliveries, with the reason), finds or creates the line item when the link came
 * without one, and publishes the score. {@link #prepare} reads the database inside the caller's
 * transaction; {@link #send} makes the HTTP calls outside any transaction.
 */
@ApplicationScoped
public class Courier {

    /** The tag on every line item Tandem creates or asks the platform to create. */
    public static final String TAG = "tandem";

    @Inject
    Platforms platforms;

    @Inject
    LineItems lineItems;

    @Inject
    ScoreClient scores;

    /** One line item resolution per column at a time, so parallel deliveries never create two columns. */
    private final Map<Long, Object> columnLocks = new ConcurrentHashMap<>();
    /** Line items resolved by this instance, until the database has them (the record step writes them). */
    private final Map<Long, URI> resolvedColumns = new ConcurrentHashMap<>();

    public Courier() {
    }

    /** For tests outside a container. */
    public Courier(Platforms platforms, LineItems lineItems, ScoreClient scores) {
        this.platforms = platforms;
        this.lineItems = lineItems;
        this.scores = scores;
    }

    /** Everything a delivery needs, read from the database. */
    public record Parcel(long eventId, long columnId, String subject, ScoreEvent.Payload payload, String title,
                         String activityKey, String resourceLinkId, Optional<URI> lineItem, Optional<URI> lineItems,
                         TokenEndpoint endpoint) {
    }

    /** Ready to send, or refused before sending with the reason a trainer and an administrator can act on. */
    public record Preparation(Optional<Parcel> parcel, String refusal) {

        static Preparation ready(Parcel parcel) {
            return new Preparation(Optional.of(parcel), null);
        }

        static Preparation refused(String reason) {
            return new Preparation(Optional.empty(), reason);
        }
    }

    /** What became of a delivery, and what was learned about the column on the way. */
    public record Outcome(Delivery.Outcome kind, int status, String answer, Optional<String> resolvedLineItem,
                          Optional<String> lineItemProblem) {

        public Outcome {
            Objects.requireNonNull(kind, "kind");
            answer = answer == null ? "" : answer;
        }

        public static Outcome failed(String reason) {
            return new Outcome(Delivery.Outcome.FAILED, 0, reason, Optional.empty(), Optional.empty());
        }
    }

    public Preparation prepare(ScoreEvent event, GradeColumn column) {
        Optional<Platform> platform = platforms.find(column.course().platformId());
        if (platform.isEmpty()) {
            return Preparation.refused("The platform of this course is no longer registered in Tandem, so Tandem stopped "
                    + "sending its scores. Register the platform again, then re-send.");
        }
        Platform p = platform.get();
        String deployment = column.course().deploymentId();
        if (p.deployment(deployment).isEmpty()) {
            return Preparation.refused("Deployment " + deployment + " of " + p.name() + " (" + p.issuer() + ", client_id "
                    + p.clientId() + ") is no longer registered in Tandem, so Tandem stopped sending its scores. "
                    + "Register the deployment again, then re-send.");
        }
        if (p.tokenUrl().isEmpty()) {
            return Preparation.refused("The registration of " + p.name() + " (" + p.issuer() + ") has no access token URL, "
                    + "so Tandem cannot authenticate to its gradebook. Add the platform's token URL in Tandem's admin page.");
        }
        Set<String> scopes = column.scopes();
        if (!scopes.contains(AgsScope.SCORE.uri())) {
            return Preparation.refused("The platform did not grant Tandem the AGS score scope on this link (granted: "
                    + (scopes.isEmpty() ? "none" : String.join(" ", scopes)) + "). Enable grade sync (Assignment and Grade "
                    + "Services) for the tool in the platform.");
        }
        if (column.lineItemUrl().isEmpty()) {
            if (column.lineItemsUrl().isEmpty()) {
                return Preparation.refused("The platform offered no gradebook column for this link (no line item and no "
                        + "line items URL in the launch). Place the activity with grading enabled.");
            }
            if (!scopes.contains(AgsScope.LINEITEM.uri())) {
                return Preparation.refused("The link has no gradebook column and the platform did not allow Tandem to create "
                        + "one (no lineitem scope). Place the activity with grading enabled, or allow Tandem to manage columns.");
            }
        }
        return Preparation.ready(new Parcel(event.id(), column.id(), event.subject(), event.payload(), column.title(),
                column.activityKey(), column.resourceLinkId(), column.lineItemUrl().map(URI::create),
                column.lineItemsUrl().map(URI::create), new TokenEndpoint(URI.create(p.tokenUrl().get()), p.clientId())));
    }

    public Outcome send(Parcel parcel) {
        Optional<String> resolved = Optional.empty();
        URI lineItem;
        if (parcel.lineItem().isPresent()) {
            lineItem = parcel.lineItem().get();
        } else {
            try {
                lineItem = resolve(parcel);
                resolved = Optional.of(lineItem.toString());
            } catch (AgsException e) {
                String problem = "Could not find or create the gradebook column: " + e.getMessage();
                return new Outcome(e.retryable() ? Delivery.Outcome.RETRYABLE : Delivery.Outcome.FAILED, e.status(), problem,
                        Optional.empty(), Optional.of(problem));
            }
        }
        Delivery delivery = scores.publish(parcel.endpoint(), lineItem, Scores.toAgs(parcel.subject(), parcel.payload()));
        return new Outcome(delivery.outcome(), delivery.status(), delivery.reason(), resolved, Optional.empty());
    }

    /**
     * The column's line item in the context's line items: one Tandem made for this link before (same
     * resourceId, tag and resource link), else a new one. AGS §3.2: resourceId and tag are the
     * tool's, resourceLinkId binds the column to the link.
     */
    private URI resolve(Parcel parcel) throws AgsException {
        synchronized (columnLocks.computeIfAbsent(parcel.columnId(), k -> new Object())) {
            URI known = resolvedColumns.get(parcel.columnId());
            if (known != null) {
                return known;
            }
            URI container = parcel.lineItems().orElseThrow();
            List<LineItem> found = lineItems.find(parcel.endpoint(), container, parcel.activityKey(), TAG);
            Optional<LineItem> ours = found.stream().filter(i -> parcel.resourceLinkId().equals(i.resourceLinkId())).findFirst()
                    .or(() -> found.stream().filter(i -> i.resourceLinkId() == null).findFirst());
            URI id = ours.isPresent() && ours.get().id() != null ? ours.get().id()
                    : lineItems.create(parcel.endpoint(), container, LineItem.toCreate(parcel.title(), Scores.MAXIMUM,
                            parcel.activityKey(), TAG, parcel.resourceLinkId())).requireId();
            resolvedColumns.put(parcel.columnId(), id);
            return id;
        }
    }
}
