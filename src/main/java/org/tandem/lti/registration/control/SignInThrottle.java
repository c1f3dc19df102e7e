package org.tandem.lti.registration.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slows password guessing on the administrator sign-in. Each client address has five free
 * failures; every further failure locks that address out for twice as long as the one before
 * (1 s, 2 s, 4 s … up to 15 minutes), and a success clears its record. Over a hundred failures
 * a minute from all addresses together (many addresses guessing at once) lock everyone out for
 * a minute. While locked, the password is not even checked, so guessing gains nothing. Every
 * failure is logged with its address for the administrator. Per instance: several instances
 * multiply the allowance, which stays far below what guessing needs.
 */
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final int GLOBAL_FAILURES_PER_MINUTE = 100;
    static final Duration GLOBAL_LOCK = Duration.ofMinutes(1);
    /** Addresses remembered at most: a flood from many addresses must not grow the heap without end. */
    static final int MAX_ADDRESSES = 10_000;

    private record Record(int failures, Instant lockedUntil, Instant lastFailure) {
    }

    private final Map<String, Record> addresses = new ConcurrentHashMap<>();
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private final Clock clock;
    private volatile Instant everyoneLockedUntil = Instant.EPOCH;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this address must still wait before its password is checked again; empty when it may try now. */
    public Optional<Duration> lockedFor(String address) {
        Instant now = clock.instant();
        Instant until = everyoneLockedUntil;
        Record record = addresses.get(address);
        if (record != null && record.lockedUntil().isAfter(until)) {
            until = record.lockedUntil();
        }
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Records a wrong credential from this address; returns how long it is now locked out (zero: not). */
    public Duration failed(String address) {
        Instant now = clock.instant();
        Record record = addresses.compute(address, (a, before) -> {
            int failures = before == null ? 1 : before.failures() + 1;
            Duration lock = failures <= FREE_FAILURES ? Duration.ZERO : lock(failures);
            return new Record(failures, now.plus(lock), now);
        });
        boolean everyone = countGlobally(now);
        Duration lock = Duration.between(now, record.lockedUntil());
        LOG.warning(() -> "admin sign-in failed from " + address + " (" + record.failures() + " in a row"
                + (lock.isZero() ? "" : "; this address may try again in " + lock.toSeconds() + " s") + ")");
        if (everyone) {
            LOG.log(Level.SEVERE, () -> "more than " + GLOBAL_FAILURES_PER_MINUTE + " failed admin sign-ins within a minute "
                    + "from all addresses: nobody may sign in as admin for " + GLOBAL_LOCK.toSeconds() + " s");
        }
        if (addresses.size() > MAX_ADDRESSES) {
            addresses.entrySet().removeIf(e -> !e.getValue().lockedUntil().isAfter(now));
        }
        return lock;
    }

    /** A correct credential: this address starts again with its free failures. */
    public void succeeded(String address) {
        addresses.remove(address);
    }

    private static Duration lock(int failures) {
        int doublings = failures - FREE_FAILURES - 1;
        if (doublings >= 20) {
            return LONGEST_LOCK;
        }
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    /** Counts a failure in the last minute's; true when that just locked everyone out. */
    private synchronized boolean countGlobally(Instant now) {
        recentFailures.addLast(now);
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() > GLOBAL_FAILURES_PER_MINUTE && !now.isBefore(everyoneLockedUntil)) {
            everyoneLockedUntil = now.plus(GLOBAL_LOCK);
            recentFailures.clear();
            return true;
        }
        return false;
    }
}
