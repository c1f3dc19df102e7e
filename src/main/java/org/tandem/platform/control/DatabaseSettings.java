package org.tandem.platform.control;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the database is. Read from system properties and the environment directly (not through
 * MicroProfile Config) because Payara creates the data source before application configuration
 * sources exist. Environment variables win over system properties, which win over the default.
 */
public record DatabaseSettings(String url, String user, String password) {

    /** The embedded default: an H2 file under ./data, so a new user needs no set-up. */
    public static final String EMBEDDED_URL = "jdbc:h2:file:./data/tandem;AUTO_SERVER=FALSE";

    /**
     * H2 writes committed changes to its file in the background, up to WRITE_DELAY (500 ms) after
     * the commit, so a killed process loses what it had already confirmed. With 0 every commit
     * stores its changes in the file before it returns (MVStore: the committing thread writes the
     * chunk itself), which a kill -9 cannot undo. What it cannot promise is a power cut: H2 does
     * not sync the file on each commit; production runs on PostgreSQL.
     */
    static final String DURABLE_COMMITS = "WRITE_DELAY=0";

    public static DatabaseSettings current() {
        return new DatabaseSettings(
                durable(read("TANDEM_DB_URL", "tandem.db.url", EMBEDDED_URL)),
                read("TANDEM_DB_USER", "tandem.db.user", "tandem"),
                read("TANDEM_DB_PASSWORD", "tandem.db.password", "tandem"));
    }

    /** An H2 URL with durable commits, unless it names its own write delay. */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";" + DURABLE_COMMITS;
    }

    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /** The directory the embedded database file lives in, for the start-up log line. */
    public String describe() {
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length()).split(";")[0];
            return "embedded H2 file " + Path.of(file).toAbsolutePath().normalize() + ".mv.db";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String read(String env, String property, String fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
