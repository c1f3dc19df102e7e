package org.tandem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged Tandem (target/tandem-microbundle.jar, built in the package phase) as a real
 * process of its own, as an administrator runs it: for tests about what only a whole process
 * shows (kill -9, several instances on one database, the bundle's own Payara settings). Its
 * console goes to {@code target/instance-<name>.log}.
 */
public final class TandemProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(6);

    private final String name;
    private final Map<String, String> environment;
    private final List<String> properties;
    private final File directory;
    private final int port;
    private Process process;

    private TandemProcess(String name, Map<String, String> environment, List<String> properties, File directory) {
        this.name = name;
        this.environment = new LinkedHashMap<>(environment);
        this.properties = List.copyOf(properties);
        this.directory = directory;
        this.port = freePort();
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Starts the process and waits until {@code /health/ready} answers 200. */
    public TandemProcess start() {
        File jar = new File("target/tandem-microbundle.jar").getAbsoluteFile();
        assertThat(jar).as("the microbundle is built in the package phase").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx384m");
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.getPath(), "--port", String.valueOf(port), "--nocluster"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/instance-" + name + ".log").getAbsoluteFile()));
        if (directory != null) {
            builder.directory(directory);
        }
        builder.environment().putAll(environment);
        try {
            process = builder.start();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("instance " + name + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tandem's base URL, ending in '/'; the same port after a restart. */
    public URL url() {
        try {
            return new URL("http://localhost:" + port + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL on the JVM itself: no shutdown hook, no orderly close of the database. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url() + "health/ready");
        Instant until = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + name + " stopped; see target/instance-" + name + ".log");
            }
            try {
                if (client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("instance " + name + " was not ready within " + READY_WITHIN.toMinutes()
                + " minutes; see target/instance-" + name + ".log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the process is started with. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> properties = new ArrayList<>();
        private File directory;
        private boolean ownBaseUrl;

        private Builder(String name) {
            this.name = name;
        }

        /** An environment variable, as production sets TANDEM_* settings. */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** A system property ({@code -Dkey=value}). */
        public Builder property(String key, String value) {
            properties.add("-D" + key + "=" + value);
            return this;
        }

        /** TANDEM_BASE_URL set to the process's own address, as production sets its public one. */
        public Builder ownBaseUrl() {
            ownBaseUrl = true;
            return this;
        }

        /** The working directory: the embedded database lives in its {@code ./data}. */
        public Builder directory(File directory) {
            this.directory = directory;
            return this;
        }

        /** The process, not yet started: {@link TandemProcess#start()} may be called again after a kill. */
        public TandemProcess build() {
            TandemProcess process = new TandemProcess(name, environment, properties, directory);
            if (ownBaseUrl) {
                String url = process.url().toString();
                process.environment.put("TANDEM_BASE_URL", url.substring(0, url.length() - 1));
            }
            return process;
        }
    }

    /** Registers a platform through an instance's admin API (JSON as the admin page would post it). */
    public static HttpResponse<String> registerPlatform(URL base, String adminPassword, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("admin/api/platforms"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Origin", "http://" + base.getAuthority())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
