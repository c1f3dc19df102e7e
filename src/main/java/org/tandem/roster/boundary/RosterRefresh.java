package org.tandem.roster.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.access.entity.LaunchOpened;
import org.tandem.access.entity.LaunchSession;
import org.tandem.lti.nrps.MembershipContainer;
import org.tandem.lti.nrps.Memberships;
import org.tandem.lti.nrps.NrpsException;
import org.tandem.roster.control.RosterSync;
import org.tandem.roster.control.Transactions;
import org.tandem.roster.entity.CourseKey;
import org.tandem.roster.entity.SyncReport;

/**
 * Refreshes a course's roster from the platform: when a trainer asks (synchronously, the page
 * shows the outcome) and after a launch into a course whose roster is stale (in the background,
 * once the launch has committed, so the person launching never waits for the LMS). One refresh
 * per course at a time on this instance; across instances the database's staleness check and the
 * roster row's version keep a second refresh from doing harm.
 */
@ApplicationScoped
public class RosterRefresh {

    private static final Logger LOG = Logger.getLogger(RosterRefresh.class.getName());

    @Inject
    RosterSync sync;

    @Inject
    Memberships memberships;

    @Inject
    Transactions transactions;

    @Resource
    ManagedExecutorService managedExecutor;

    @Inject
    @ConfigProperty(name = "tandem.roster.stale-minutes", defaultValue = "60")
    long staleMinutes;

    private Executor executor;
    private final Set<CourseKey> inFlight = ConcurrentHashMap.newKeySet();

    public RosterRefresh() {
    }

    /** For tests outside a container. */
    public RosterRefresh(RosterSync sync, Memberships memberships, Transactions transactions, Executor executor,
                         Duration staleAfter) {
        this.sync = sync;
        this.memberships = memberships;
        this.transactions = transactions;
        this.executor = executor;
        this.staleMinutes = staleAfter.toMinutes();
    }

    /** The trainer's refresh: runs now and reports, unless a refresh of the course is running already. */
    public SyncReport refresh(CourseKey course) {
        if (!inFlight.add(course)) {
            return SyncReport.alreadyRunning();
        }
        try {
            return run(course);
        } finally {
            inFlight.remove(course);
        }
    }

    /** Every launch into a course with a membership service may start a background refresh, after it commits. */
    void afterLaunch(@Observes(during = TransactionPhase.AFTER_SUCCESS) LaunchOpened opened) {
        LaunchSession session = opened.session();
        LaunchSession.Tenancy t = session.tenancy();
        if (t.contextId().isEmpty() || session.services().membershipsUrl().isEmpty()) {
            return;
        }
        refreshIfStale(new CourseKey(t.platformId(), t.deploymentId(), t.contextId().get()));
    }

    /** Starts a background refresh when none runs for the course here and the database says it is due. */
    public void refreshIfStale(CourseKey course) {
        if (!inFlight.add(course)) {
            return;
        }
        try {
            executor().execute(() -> {
                try {
                    if (transactions.inNew(() -> sync.due(course, Duration.ofMinutes(staleMinutes)))) {
                        SyncReport report = run(course);
                        LOG.fine(() -> "roster of " + course + " refreshed after a launch: " + report);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "background roster refresh of " + course + " failed", e);
                } finally {
                    inFlight.remove(course);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(course);
            LOG.log(Level.WARNING, "no thread for a roster refresh of " + course + "; the next launch tries again", e);
        }
    }

    /** Whether a refresh of the course is running on this instance now. */
    public boolean running(CourseKey course) {
        return inFlight.contains(course);
    }

    private SyncReport run(CourseKey course) {
        RosterSync.Source source;
        try {
            source = transactions.inNew(() -> sync.source(course));
        } catch (RosterSync.Unavailable e) {
            return transactions.inNew(() -> sync.failed(course, e.getMessage()));
        }
        MembershipContainer membership;
        try {
            membership = memberships.fetch(source.tokenUrl(), source.clientId(), source.membershipsUrl());
        } catch (NrpsException e) {
            LOG.info(() -> "roster of " + course + " not refreshed: " + e.getMessage());
            return transactions.inNew(() -> sync.failed(course, e.getMessage() + " The roster was left as it was."));
        }
        try {
            return transactions.inNew(() -> sync.apply(course, membership));
        } catch (RuntimeException first) {
            // a launch may have added one of these people meanwhile (unique key), or another instance's
            // refresh changed the roster row (its version): a second try starts from their rows
            LOG.log(Level.FINE, "roster of " + course + " not saved at the first try", first);
            try {
                return transactions.inNew(() -> sync.apply(course, membership));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "roster of " + course + " could not be saved", again);
                return transactions.inNew(() -> sync.failed(course, "The membership was read from the platform but could"
                        + " not be saved (" + rootMessage(again) + "). The roster was left as it was; try again."));
            }
        }
    }

    private Executor executor() {
        return executor != null ? executor : managedExecutor;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
