package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.ShadowingEntry;

/**
 * The shadowing log of a pair: the only way to shadowing_entry rows. Entries are found through
 * the learner asking, so nobody reaches the entries of a pair they were not in.
 */
@ApplicationScoped
public class ShadowingLog {

    /** How far back a shadowing visit may lie: a programme runs for months, not years. */
    static final int MAX_DAYS_BACK = 400;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public ShadowingLog() {
    }

    public ShadowingLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * A new entry by {@code author} about time spent with {@code partners} (their pair's other
     * members now). Throws {@link ShadowingRefused} saying what to correct.
     */
    public ShadowingEntry write(Learner author, Set<String> partners, LocalDate shadowedOn, String setting, String learned) {
        if (partners.isEmpty()) {
            throw new ShadowingRefused("You are not in a pair yet, so there is no partner to shadow. Your trainer makes the pairs.");
        }
        // the learner's own calendar may be a day ahead of UTC
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (shadowedOn == null) {
            throw new ShadowingRefused("Enter the date you shadowed your partner.");
        }
        if (shadowedOn.isAfter(today.plusDays(1))) {
            throw new ShadowingRefused("The date " + shadowedOn + " is in the future; log a shadowing visit after it happened.");
        }
        if (shadowedOn.isBefore(today.minusDays(MAX_DAYS_BACK))) {
            throw new ShadowingRefused("The date " + shadowedOn + " is more than a year ago; check the year.");
        }
        String where = setting == null ? "" : setting.strip();
        String what = learned == null ? "" : learned.strip();
        if (where.isEmpty()) {
            throw new ShadowingRefused("Say where it happened (the setting), for example \u201cward round on ward 7\u201d.");
        }
        if (where.length() > ShadowingEntry.MAX_SETTING) {
            throw new ShadowingRefused("Keep the setting to " + ShadowingEntry.MAX_SETTING + " characters; it has " + where.length() + ".");
        }
        if (what.isEmpty()) {
            throw new ShadowingRefused("Write what you learned about your partner's priorities.");
        }
        if (what.length() > ShadowingEntry.MAX_LEARNED) {
            throw new ShadowingRefused("Keep what you learned to " + ShadowingEntry.MAX_LEARNED + " characters; it has "
                    + what.length() + ".");
        }
        ShadowingEntry entry = new ShadowingEntry(author, partners, shadowedOn, where, what, clock.instant());
        em.persist(entry);
        em.flush();
        return entry;
    }

    /** The entries this learner wrote or was a partner in, newest visit first. */
    public List<ShadowingEntry> visibleTo(Learner learner) {
        return em.createQuery("select distinct e from ShadowingEntry e left join e.partners p where e.platformId = :platform "
                        + "and e.deploymentId = :deployment and e.contextId = :context "
                        + "and (e.author = :subject or p = :subject)", ShadowingEntry.class)
                .setParameter("platform", learner.platformId()).setParameter("deployment", learner.deploymentId())
                .setParameter("context", learner.contextId()).setParameter("subject", learner.subject())
                .getResultStream()
                .sorted(java.util.Comparator.comparing(ShadowingEntry::shadowedOn).thenComparing(ShadowingEntry::id).reversed())
                .toList();
    }

    /**
     * The partner confirms an entry. Only a partner the entry was written for may, only while
     * still in the same pair as its author, never the author, and only once.
     *
     * @param currentPartners the learner's partners now
     */
    public ShadowingEntry confirm(Learner learner, long entryId, Set<String> currentPartners) {
        ShadowingEntry entry = find(learner, entryId).orElseThrow(() -> new ShadowingRefused(
                "There is no such entry in your shadowing log."));
        if (entry.author().equals(learner.subject())) {
            throw new ShadowingRefused("You wrote this entry; your partner confirms it, not you.");
        }
        if (!currentPartners.contains(entry.author())) {
            throw new ShadowingRefused("You are no longer paired with the entry's author, so it can no longer be confirmed.");
        }
        if (entry.confirmed()) {
            throw new ShadowingRefused("This entry is already confirmed.");
        }
        entry.confirm(learner.subject(), clock.instant());
        em.flush();
        return entry;
    }

    private Optional<ShadowingEntry> find(Learner learner, long entryId) {
        return Optional.ofNullable(em.find(ShadowingEntry.class, entryId))
                .filter(e -> e.course().equals(learner.course()) && e.visibleTo(learner.subject()));
    }
}
