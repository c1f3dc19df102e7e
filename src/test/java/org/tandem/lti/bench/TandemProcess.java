package org.tandem.lti.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The Tandem under test, seen from outside as an operator sees it: its process's CPU time and
 * resident memory from /proc, its console log. Either started here (a fresh working directory, so
 * a fresh ./data) or an already running one found by its pid or by the port it listens on.
 */
final class TandemProcess implements AutoCloseable {

    private final long pid;
    private final Process process;
    private final Path log;
    private final long ticksPerSecond;

    private TandemProcess(long pid, Process process, Path log) {
        this.pid = pid;
        this.process = process;
        this.log = log;
        this.ticksPerSecond = clockTicks();
    }

    /** Starts {@code java [options] -jar jar --port port} in workDir with this environment, console into tandem.log. */
    static TandemProcess start(Path jar, int port, List<String> javaOptions, Map<String, String> environment, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--port", String.valueOf(port)));
        Path log = workDir.resolve("tandem.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new TandemProcess(process.pid(), process, log);
    }

    /** A Tandem someone else started: by pid, or else the process listening on the port (Linux /proc). */
    static TandemProcess attach(OptionalLong pid, int port) {
        long found = pid.isPresent() ? pid.getAsLong() : listening(port)
                .orElseThrow(() -> new IllegalStateException("no process of this user listens on port " + port + "; give -Dpid="));
        return new TandemProcess(found, null, null);
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return process == null ? Files.exists(Path.of("/proc/" + pid)) : process.isAlive();
    }

    /** Milliseconds from start until GET /health/ready answers 200, polling every 50 ms. */
    static long awaitReady(URI base, long startedNanos, Duration limit, TandemProcess tandem) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();
        long deadline = startedNanos + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (tandem != null && !tandem.alive()) {
                throw new IllegalStateException("Tandem ended before it was ready; see " + tandem.log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Tandem was not ready within " + limit);
    }

    /** User plus system CPU time of the process so far, in milliseconds (all its threads: JIT and GC too). */
    long cpuMillis() {
        return cpuMillis(pid, ticksPerSecond, false);
    }

    /** The same for a process and, with children, the processes it started (a PostgreSQL server and its backends). */
    static long cpuMillis(long pid, long ticksPerSecond, boolean withChildren) {
        long ticks = ticks(pid, withChildren);
        if (withChildren) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                ticks += procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .mapToLong(p -> parentOf(p) == pid ? ticks(Long.parseLong(p.getFileName().toString()), false) : 0).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ticks * 1000 / ticksPerSecond;
    }

    long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Resident set size now, in MiB. */
    double rssMiB() {
        return status("VmRSS:");
    }

    /** The highest resident set size so far, in MiB. */
    double peakRssMiB() {
        return status("VmHWM:");
    }

    Path log() {
        return log;
    }

    /** The console log's lines from this line on (0-based), for counting what Tandem logged during a phase. */
    List<String> logLines(int from) {
        if (log == null) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(log);
            return from >= all.size() ? List.of() : all.subList(from, all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    int logLineCount() {
        return log == null ? 0 : logLines(0).size();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private double status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Double.NaN;
    }

    /** utime + stime (and cutime + cstime with children) from /proc/pid/stat, in clock ticks. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        // after the command name: state is field 3 (index 0), utime 14, stime 15, cutime 16, cstime 17
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    private static long parentOf(Path proc) {
        String[] f = statFields(Long.parseLong(proc.getFileName().toString()));
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name is in parentheses and may itself contain spaces
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The pid owning the listening socket on this TCP port: /proc/net/tcp{,6} gives the inode, /proc/PID/fd the owner. */
    private static OptionalLong listening(int port) {
        String hexPort = String.format(":%04X", port);
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address is field 1, st field 3 (0A = LISTEN), inode field 9
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException ignored) {
                // no IPv6 table on this machine
            }
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try (Stream<Path> fds = Files.list(p.resolve("fd"))) {
                    boolean owns = fds.anyMatch(fd -> {
                        try {
                            return inodes.contains(Files.readSymbolicLink(fd).toString());
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    if (owns) {
                        return OptionalLong.of(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | SecurityException notOurs) {
                    // another user's process, or gone
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OptionalLong.empty();
    }
}
