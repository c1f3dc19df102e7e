package org.tandem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The packaged Tandem (target/tandem-microbundle.jar) started as a process of its own on a shared
 * PostgreSQL, as an instance behind a load balancer; its log goes to target/instance-NAME.log.
 */
public record TandemProcess(String name, URL url, Process process) {

    private static final Duration READY_WITHIN = Duration.ofMinutes(6);

    /** Starts an instance with these extra system properties and waits until /health/ready answers 200. */
    public static TandemProcess start(String name, String jdbcUrl, String adminPassword, String... systemProperties) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            File jar = new File("target/tandem-microbundle.jar");
            assertThat(jar).as("the microbundle is built in the package phase").exists();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m"));
            command.addAll(List.of(systemProperties));
            command.addAll(List.of("-jar", jar.getPath(), "--port", String.valueOf(port), "--nocluster"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/instance-" + name + ".log"));
            builder.environment().put("TANDEM_DB_URL", jdbcUrl);
            builder.environment().put("TANDEM_DB_USER", "postgres");
            builder.environment().put("TANDEM_DB_PASSWORD", "postgres");
            builder.environment().put("TANDEM_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("TANDEM_DEMO_ENABLED", "false");
            Process process = builder.start();
            URL url = new URL("http://localhost:" + port + "/");
            HttpClient client = HttpClient.newHttpClient();
            Instant until = Instant.now().plus(READY_WITHIN);
            while (Instant.now().isBefore(until)) {
                if (!process.isAlive()) {
                    throw new AssertionError("instance " + name + " stopped; see target/instance-" + name + ".log");
                }
                try {
                    if (client.send(HttpRequest.newBuilder(url.toURI().resolve("health/ready")).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new TandemProcess(name, url, process);
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
            process.destroyForcibly();
            throw new AssertionError("instance " + name + " was not ready within " + READY_WITHIN.toMinutes()
                    + " minutes; see target/instance-" + name + ".log");
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Registers a platform through an instance's admin API (JSON as the admin page would post it). */
    public static HttpResponse<String> registerPlatform(URL base, String adminPassword, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("admin/api/platforms"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Origin", "http://" + base.getAuthority())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
