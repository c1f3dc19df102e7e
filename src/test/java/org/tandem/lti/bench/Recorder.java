package org.tandem.lti.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one phase of the load saw: latencies per kind of request (and per full launch), in
 * microseconds, and failures counted by kind ("launch: HTTP 500 Timeout trying to lock table").
 */
final class Recorder {

    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    void time(String kind, long micros) {
        latencies.computeIfAbsent(kind, k -> {
            order.add(k);
            return Collections.synchronizedList(new ArrayList<>());
        }).add(micros);
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    int count(String kind) {
        List<Long> l = latencies.get(kind);
        return l == null ? 0 : l.size();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** p50, p90, p99 and max of one kind in milliseconds; NaN when nothing was timed. */
    double[] percentiles(String kind) {
        List<Long> l = latencies.get(kind);
        if (l == null || l.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        List<Long> sorted;
        synchronized (l) {
            sorted = new ArrayList<>(l);
        }
        Collections.sort(sorted);
        return new double[] {at(sorted, 50) / 1000.0, at(sorted, 90) / 1000.0, at(sorted, 99) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0};
    }

    /** One line per kind, in the order first seen: "launch  n=…  p50 … p90 … p99 … max … ms". */
    List<String> latencyLines() {
        List<String> lines = new ArrayList<>();
        List<String> kinds;
        synchronized (order) {
            kinds = new ArrayList<>(order);
        }
        for (String kind : kinds) {
            double[] p = percentiles(kind);
            lines.add(String.format(Locale.ROOT, "%-22s n=%-6d p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms", kind, count(kind),
                    p[0], p[1], p[2], p[3]));
        }
        return lines;
    }

    Map<String, Long> errorsByKind() {
        Map<String, Long> sorted = new TreeMap<>();
        errors.forEach((k, v) -> sorted.put(k, v.get()));
        Map<String, Long> byCount = new LinkedHashMap<>();
        sorted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byCount.put(e.getKey(), e.getValue()));
        return byCount;
    }

    private static long at(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
