package org.tandem.paired.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.paired.control.PairNotifications;
import org.tandem.paired.control.PairSessions;
import org.tandem.paired.entity.PairChanged;
import org.tandem.platform.control.ConfiguredDataSource;

/**
 * The open event streams of this instance, by pair session: who is here, and the news that a
 * session changed ("changed", with its number of moves) or that someone came or went ("presence").
 * The news carries no state: a browser that hears it reads the pair's state from the database
 * (through the page's live part), so a missed or repeated event loses nothing. A stream that
 * cannot be written to any more (the window closed, the phone slept) is dropped at the next
 * heartbeat, and the partner hears that the person left.
 */
@ApplicationScoped
public class PairChannel {

    private static final Logger LOG = Logger.getLogger(PairChannel.class.getName());
    static final long HEARTBEAT_SECONDS = 10;

    record Listener(String subject, SseEventSink sink, Sse sse) {
    }

    private final Map<Long, List<Listener>> listeners = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    PairSessions sessions;

    private volatile ScheduledFuture<?> heartbeat;
    private PairNotifications.Listener listener;

    /** A browser of this subject listens to the session from now on; everyone in it hears who is here. */
    public void join(long sessionId, String subject, SseEventSink sink, Sse sse) {
        startHeartbeat();
        startListening();
        listeners.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>()).add(new Listener(subject, sink, sse));
        send(sessionId, "presence", String.join(" ", present(sessionId)));
    }

    /** The subjects with an open stream to this session on this instance. */
    public Set<String> present(long sessionId) {
        Set<String> here = new TreeSet<>();
        listeners.getOrDefault(sessionId, List.of()).stream().filter(l -> !l.sink().isClosed()).forEach(l -> here.add(l.subject()));
        return here;
    }

    /**
     * After a move commits, never before: what the browsers then read is in the database. On
     * PostgreSQL the news comes back through LISTEN instead, to every instance, this one included.
     */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PairChanged changed) {
        if (!sessions.notifying()) {
            send(changed.sessionId(), "changed", String.valueOf(changed.moves()));
        }
    }

    /** News from PostgreSQL (any instance's move); after a lost connection, every session's pages read again. */
    void heard(PairNotifications.News news) {
        if (news.sessionId() == PairNotifications.EVERY_SESSION) {
            listeners.keySet().forEach(id -> send(id, "changed", "?"));
        } else if (listeners.containsKey(news.sessionId())) {
            send(news.sessionId(), "changed", String.valueOf(news.moves()));
        }
    }

    /** On PostgreSQL, from the first stream on: a connection of its own that LISTENs for every instance's moves. */
    private synchronized void startListening() {
        if (listener == null && sessions.notifying() && threads != null) {
            listener = new PairNotifications.Listener(new ConfiguredDataSource(), this::heard);
            Thread thread = threads.newThread(listener);
            thread.setName("tandem-paired-listen");
            thread.start();
        }
    }

    void send(long sessionId, String name, String data) {
        List<Listener> here = listeners.getOrDefault(sessionId, List.of());
        boolean someoneLeft = false;
        for (Listener listener : here) {
            if (!write(listener, listener.sse().newEventBuilder().name(name).data(data).reconnectDelay(2000).build())) {
                here.remove(listener);
                someoneLeft = true;
            }
        }
        if (someoneLeft) {
            send(sessionId, "presence", String.join(" ", present(sessionId)));
        }
    }

    private boolean write(Listener listener, OutboundSseEvent event) {
        if (listener.sink().isClosed()) {
            return false;
        }
        try {
            listener.sink().send(event).toCompletableFuture().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            LOG.log(Level.FINE, "event stream of " + listener.subject() + " is gone", e);
            close(listener);
            return false;
        }
    }

    private static void close(Listener listener) {
        try {
            listener.sink().close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a broken event stream", e);
        }
    }

    private synchronized void startHeartbeat() {
        if (heartbeat == null && scheduler != null) {
            heartbeat = scheduler.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** A comment on every stream: writing is how a closed window is found out. */
    private void beat() {
        for (Map.Entry<Long, List<Listener>> entry : listeners.entrySet()) {
            boolean someoneLeft = false;
            for (Listener listener : entry.getValue()) {
                if (!write(listener, listener.sse().newEventBuilder().comment("beat").build())) {
                    entry.getValue().remove(listener);
                    someoneLeft = true;
                }
            }
            if (someoneLeft) {
                send(entry.getKey(), "presence", String.join(" ", present(entry.getKey())));
            }
            if (entry.getValue().isEmpty()) {
                listeners.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        listeners.values().forEach(list -> list.forEach(PairChannel::close));
    }
}
