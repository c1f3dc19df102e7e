package org.tandem.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, with a fresh profile that
 * blocks third-party cookies as Safari, Firefox and many managed Chromes do. Selenium Manager
 * never runs: both paths are given, so nothing is looked up or downloaded (the machine has no
 * network beyond loopback).
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Read by Chromium from the profile before it starts; the command line has no switch for it. */
    private static final String BLOCK_THIRD_PARTY_COOKIES =
            "{\"profile\":{\"cookie_controls_mode\":1,\"block_third_party_cookies\":true}}";

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Starts the browser at the given window size. Fails (never skips) when the Debian packages
     * are missing: CI installs them in {@code .ci/run}.
     */
    public static Chromium start(Dimension window) {
        for (Path binary : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install the Debian packages chromium and "
                        + "chromium-driver (`apt-get install -y chromium chromium-driver`; .ci/run does this)");
            }
        }
        // DriverFinder skips Selenium Manager when the driver's system property names an executable;
        // SE_OFFLINE keeps it from fetching anything should a future Selenium consult it anyway.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");

        Path profile;
        try {
            profile = Files.createTempDirectory("tandem-chromium-");
            Files.createDirectories(profile.resolve("Default"));
            Files.writeString(profile.resolve("Default/Preferences"), BLOCK_THIRD_PARTY_COOKIES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a fresh Chromium profile", e);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-quic", "--user-data-dir=" + profile,
                "--window-size=" + window.getWidth() + "," + window.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(window);
            return new Chromium(profile, driver);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is not worth failing a test over
        }
    }
}
