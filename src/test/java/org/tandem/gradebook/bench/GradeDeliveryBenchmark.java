package org.tandem.gradebook.bench;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Module;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.TestPlatform;

/**
 * How fast scores reach the LMS (docs/benchmarks.md, "Grade delivery"). Against a running Tandem,
 * with an AGS platform in this JVM on a loopback port (token, line item and score endpoints over
 * real HTTP, Bearer tokens checked):
 * <ol>
 *   <li><b>latency</b>: learners complete a module one after another; for each, the time from
 *       Tandem's answer to the completing request (the result and its score event committed) to
 *       the score arriving at the platform;</li>
 *   <li><b>throughput</b>: with the LMS down (token and score endpoints 503) learners complete the module in
 *       parallel, building a backlog; then the LMS comes back and the backlog drains; scores per
 *       second from the first to the last arrival.</li>
 * </ol>
 * Settings (system properties): base (http://localhost:8080/), password (the admin password),
 * latency.learners (200), backlog.learners (1000), clients (4). Prints lines starting BENCHMARK.
 */
public final class GradeDeliveryBenchmark {

    private GradeDeliveryBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the in-JVM platform's HTTP server and the clients' pools are not all daemon threads
        System.exit(0);
    }

    private static void run() throws Exception {
        URL base = new URL(System.getProperty("base", "http://localhost:8080/"));
        String password = System.getProperty("password", System.getenv("TANDEM_ADMIN_PASSWORD"));
        int latencyLearners = Integer.getInteger("latency.learners", 200);
        int backlogLearners = Integer.getInteger("backlog.learners", 1000);
        int clients = Integer.getInteger("clients", 4);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("set TANDEM_ADMIN_PASSWORD (the admin password Tandem runs with)");
        }
        if (!List.of("localhost", "127.0.0.1").contains(base.getHost())) {
            throw new IllegalArgumentException("base must be a loopback address; this benchmark never leaves the machine");
        }
        Module module = new PackReader().readClasspath("content/starter").modules().get(0);
        try (TestPlatform platform = TestPlatform.start()) {
            platform.trustTool(base.toURI().resolve(".well-known/jwks.json").toString());
            AgsService ags = AgsService.on(platform);
            platform.registerWith(base.toURI(), password);
            String context = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String lineItem = ags.existingLineItem(context, module.title(), "module:" + module.id());
            System.out.printf("BENCHMARK grade delivery at %s, module %s (%d sections), %d client threads%n", base,
                    module.id(), module.sections().size(), clients);

            // warm-up: the JIT, the token cache and the connection pools
            complete(base, platform, ags, context, lineItem, module, 20, clients);
            awaitKept(ags, 20, Duration.ofMinutes(2));

            // 1. latency, one learner at a time
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < latencyLearners; i++) {
                Person learner = new Person(base, platform, ags, context, TestPlatform.ROLE_LEARNER, "manager");
                learner.completeModule(module, "bench-link", lineItem);
                Instant until = Instant.now().plusSeconds(60);
                while (ags.kept(learner.subject).isEmpty() && Instant.now().isBefore(until)) {
                    Thread.sleep(1);
                }
                AgsService.Kept kept = ags.kept(learner.subject).get(0);
                latencies.add(Duration.between(learner.completedAt, kept.receivedAt()).toMillis());
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "BENCHMARK latency completion -> score at the LMS, %d learners: median %d ms, "
                            + "p90 %d ms, p99 %d ms, max %d ms%n", latencies.size(), percentile(latencies, 50),
                    percentile(latencies, 90), percentile(latencies, 99), latencies.get(latencies.size() - 1));

            // 2. throughput of a backlog after an outage
            int before = ags.kept().size();
            // down: the token endpoint and the score endpoint (Tandem may hold a token that is still valid)
            platform.tokenStatus(503);
            ags.failNext(Integer.MAX_VALUE, 503);
            Instant filling = Instant.now();
            complete(base, platform, ags, context, lineItem, module, backlogLearners, clients);
            System.out.printf(Locale.ROOT, "BENCHMARK backlog of %d completions built in %.1f s while the LMS was down%n",
                    backlogLearners, Duration.between(filling, Instant.now()).toMillis() / 1000.0);
            Instant back = Instant.now();
            ags.failNext(0, 503);
            platform.tokenStatus(200);
            awaitKept(ags, before + backlogLearners, Duration.ofMinutes(10));
            List<Instant> arrivals = ags.kept().subList(before, ags.kept().size()).stream().map(AgsService.Kept::receivedAt)
                    .sorted().toList();
            double drain = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0;
            double recovered = Duration.between(back, arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "BENCHMARK throughput: %d scores in %.2f s from first to last arrival = %.0f scores/s "
                            + "(%.1f s after the LMS came back, including the wait for the next retry); stale or duplicate "
                            + "scores: %d%n", arrivals.size(), drain, arrivals.size() / drain, recovered, ags.staleScores());
        }
    }

    private static void complete(URL base, TestPlatform platform, AgsService ags, String context, String lineItem, Module module,
                                 int learners, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < learners; i++) {
            done.add(pool.submit(() -> {
                new Person(base, platform, ags, context, TestPlatform.ROLE_LEARNER, "clinician")
                        .completeModule(module, "bench-link", lineItem);
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitKept(AgsService ags, int count, Duration limit) throws InterruptedException {
        Instant until = Instant.now().plus(limit);
        while (ags.kept().size() < count) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("only " + ags.kept().size() + " of " + count + " scores arrived within " + limit);
            }
            Thread.sleep(20);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
