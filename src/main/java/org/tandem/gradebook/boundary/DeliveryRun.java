package org.tandem.gradebook.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandem.gradebook.control.Backoff;
import org.tandem.gradebook.control.Courier;
import org.tandem.gradebook.control.GradeColumns;
import org.tandem.gradebook.control.ScoreOutbox;
import org.tandem.gradebook.entity.GradeColumn;
import org.tandem.gradebook.entity.ScoreEvent;

/**
 * The worker's short transactions, each committed before any HTTP call: claim what is due, read a
 * claimed event's parcel, record the outcome. A delivery never holds a database transaction open
 * while the platform thinks.
 */
@ApplicationScoped
public class DeliveryRun {

    @Inject
    ScoreOutbox outbox;

    @Inject
    GradeColumns columns;

    @Inject
    Courier courier;

    /** Claims up to {@code limit} due events for this worker; the ids it won. */
    @Transactional
    public List<Long> claim(String worker, int limit, Duration lease) {
        List<Long> won = new ArrayList<>();
        for (Long id : outbox.due(limit)) {
            if (outbox.claim(id, worker, lease)) {
                won.add(id);
            }
        }
        return won;
    }

    /** See {@link ScoreOutbox#releaseClaims()}. */
    @Transactional
    public int releaseClaims() {
        return outbox.releaseClaims();
    }

    /** The parcel of a claimed event, or the refusal already recorded (revoked deployment and the like). */
    @Transactional
    public Optional<Courier.Parcel> prepare(long eventId, String worker, Backoff backoff, Duration giveUpAfter) {
        Optional<ScoreEvent> event = outbox.claimedBy(eventId, worker);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        Optional<GradeColumn> column = columns.find(event.get().columnId());
        Courier.Preparation preparation = column.map(c -> courier.prepare(event.get(), c))
                .orElseGet(() -> new Courier.Preparation(Optional.empty(), "The gradebook column no longer exists."));
        if (preparation.parcel().isEmpty()) {
            outbox.record(eventId, worker, Courier.Outcome.failed(preparation.refusal()), backoff, giveUpAfter);
        }
        return preparation.parcel();
    }

    @Transactional
    public Optional<ScoreEvent> record(long eventId, String worker, Courier.Outcome outcome, Backoff backoff,
                                       Duration giveUpAfter) {
        return outbox.record(eventId, worker, outcome, backoff, giveUpAfter);
    }
}
