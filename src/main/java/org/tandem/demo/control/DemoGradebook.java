package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.demo.entity.DemoResult;
import org.tandem.demo.entity.DemoScore;
import org.tandem.demo.entity.PostedScore;

/**
 * The demo course's gradebook, the platform side of AGS 2.0: its columns (line items), every
 * score posted to them, and one cell per learner and column holding the latest score. The only
 * way to those tables. Callers own the transaction.
 */
@ApplicationScoped
public class DemoGradebook {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public DemoGradebook() {
    }

    /** For tests outside a container. */
    public DemoGradebook(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The posted userId is nobody in the demo course. */
    public static class NotAMember extends RuntimeException {
        public NotAMember(String message) {
            super(message);
        }
    }

    /** One row of the gradebook page: a member of the course. */
    public record Row(String userId, String name, String description) {
    }

    /** The gradebook as the page shows it: columns, rows, the cells between them and how many scores arrived. */
    public record Sheet(List<DemoLineItem> columns, List<Row> rows, Map<String, DemoResult> cells, long scoresReceived) {

        public Optional<DemoResult> cell(DemoLineItem column, Row row) {
            return Optional.ofNullable(cells.get(key(column.id(), row.userId())));
        }
    }

    public List<DemoLineItem> lineItems() {
        return em.createQuery("select l from DemoLineItem l order by l.id", DemoLineItem.class).getResultList();
    }

    /** Line items matching every filter given (null: not filtered), in the order they were created. */
    public List<DemoLineItem> lineItems(String resourceId, String tag, String resourceLinkId) {
        return lineItems().stream().filter(l -> l.matches(resourceId, tag, resourceLinkId)).toList();
    }

    public Optional<DemoLineItem> lineItem(long id) {
        return Optional.ofNullable(em.find(DemoLineItem.class, id));
    }

    public DemoLineItem create(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {
        DemoLineItem lineItem = new DemoLineItem(label, scoreMaximum, resourceId, tag, resourceLinkId, clock.instant());
        em.persist(lineItem);
        em.flush();
        return lineItem;
    }

    /**
     * Accepts a score for a member of the course, keeps it, and makes it the cell's latest.
     *
     * @throws NotAMember             when userId is nobody in the course
     * @throws DemoResult.StaleScore  when its timestamp is not newer than the cell's latest
     */
    public DemoResult record(DemoLineItem lineItem, PostedScore posted) {
        if (DemoPerson.bySubject(posted.userId()).isEmpty()) {
            throw new NotAMember("userId '" + posted.userId() + "' is not a member of the demo course");
        }
        Instant now = clock.instant();
        // the cell is locked, so two scores for one learner cannot both pass the timestamp rule
        Optional<DemoResult> cell = em.createQuery("select r from DemoResult r where r.lineItemId = :item and r.userId = :user",
                        DemoResult.class)
                .setParameter("item", lineItem.id()).setParameter("user", posted.userId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        cell.ifPresent(c -> c.admit(posted));
        DemoScore score = new DemoScore(lineItem, posted, now);
        em.persist(score);
        DemoResult result = cell.orElseGet(() -> new DemoResult(score));
        if (cell.isPresent()) {
            result.accept(score);
        } else {
            em.persist(result);
        }
        em.flush();
        return result;
    }

    /** The cells of a line item, optionally of one user only. */
    public List<DemoResult> results(DemoLineItem lineItem, Optional<String> userId) {
        return em.createQuery("select r from DemoResult r where r.lineItemId = :item order by r.userId", DemoResult.class)
                .setParameter("item", lineItem.id()).getResultStream()
                .filter(r -> userId.isEmpty() || userId.get().equals(r.userId())).toList();
    }

    public Sheet sheet() {
        List<DemoLineItem> columns = lineItems();
        Map<String, DemoResult> cells = new LinkedHashMap<>();
        for (DemoResult r : em.createQuery("select r from DemoResult r", DemoResult.class).getResultList()) {
            cells.put(key(r.lineItemId(), r.userId()), r);
        }
        List<Row> rows = new ArrayList<>();
        for (DemoPerson p : DemoPerson.values()) {
            // learners always; anyone else once a score arrived for them
            if (p.learner() || cells.values().stream().anyMatch(r -> r.userId().equals(p.subject()))) {
                rows.add(new Row(p.subject(), p.displayName(), p.description()));
            }
        }
        long received = em.createQuery("select count(s) from DemoScore s", Long.class).getSingleResult();
        return new Sheet(columns, List.copyOf(rows), Map.copyOf(cells), received);
    }

    private static String key(long lineItemId, String userId) {
        return lineItemId + " " + userId;
    }
}
