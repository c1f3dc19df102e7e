package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last service requests the demo platform answered (token, line items, scores, results,
 * memberships), so the gradebook page can show Tandem retrying while the "LMS" is down. Per
 * instance and in memory: a view for the person watching, not a record.
 */
@ApplicationScoped
public class DemoServiceLog {

    static final int KEPT = 25;

    /** One answered request: when, what and the answer. */
    public record Entry(Instant at, String method, String path, int status, String note) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    Clock clock = Clock.systemUTC();

    public synchronized void add(String method, String path, int status, String note) {
        entries.addFirst(new Entry(clock.instant(), method, path, status, note == null ? "" : note));
        while (entries.size() > KEPT) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Entry> recent() {
        return List.copyOf(entries);
    }
}
