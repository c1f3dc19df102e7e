package org.tandem.paired;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tandem.Deployments;
import org.tandem.browser.AccessibilityAudit;
import org.tandem.browser.Chromium;
import org.tandem.browser.ToolFrame;

/**
 * Two people, two Chromiums: Alex (manager) at a desk and Priya (clinician) on a phone, each on
 * the demo course (127.0.0.1) framing Tandem from another site (localhost) with third-party cookies
 * blocked, play the starter case together. Each sees the other arrive and every proposal and
 * objection appear without reloading; Priya's browser goes away in the middle (Alex sees her
 * leave and decides meanwhile) and a new one returns her to the same place; both reach the debrief,
 * and both scores arrive in the demo gradebook. The pages are checked with axe-core.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PairedScenarioBrowserIT {

    private static final Dimension DESKTOP = new Dimension(1280, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String FRAME = "tandem-frame";
    /** What the frame shows after a move: the live part again, or the debrief after the last move. */
    private static final By AFTER_MOVE = By.cssSelector("#live, #hidden-manager");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    private final List<AccessibilityAudit> audits = new ArrayList<>();

    /** One person's browser on the demo course with the placed case open in Tandem's frame. */
    private final class Seat implements AutoCloseable {
        final Chromium chromium;
        final ChromeDriver driver;
        final ToolFrame frame;

        Seat(String who, Dimension window) {
            chromium = Chromium.start(window);
            driver = chromium.driver();
            frame = new ToolFrame(driver, FRAME, PATIENCE);
            driver.get("http://127.0.0.1:" + base.getPort() + "/demo?as=" + who + "&tool_host=localhost");
            driver.findElement(By.id("link-placed-1")).click();
            frame.await(By.id("live"));
        }

        /** Waits, inside the frame and without leaving the page, until the live part shows this. */
        void sees(By element) {
            frame.enter();
            try {
                new WebDriverWait(driver, PATIENCE).pollingEvery(Duration.ofMillis(200)).ignoring(WebDriverException.class)
                        .until(d -> !d.findElements(element).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("waited for " + element + "; the frame shows: " + frame.shows(), e);
            }
        }

        String text(By element) {
            frame.enter();
            return driver.findElement(element).getText();
        }

        Object js(String script) {
            frame.enter();
            return ((JavascriptExecutor) driver).executeScript(script);
        }

        /** Chooses an option and posts the form with this button; the frame loads the page again. */
        void choose(String option, String button, String why) {
            frame.enter();
            driver.findElement(By.id("option-" + option)).click();
            if (why != null) {
                driver.findElement(By.cssSelector("#choose textarea")).sendKeys(why);
            }
            frame.clickAndAwait(driver.findElement(By.id(button)), AFTER_MOVE);
        }

        void object(String reason) {
            frame.enter();
            driver.findElement(By.cssSelector("textarea[id^=objection-]")).sendKeys(reason);
            frame.clickAndAwait(driver.findElement(By.id("object")), AFTER_MOVE);
        }

        void agree() {
            frame.enter();
            frame.clickAndAwait(driver.findElement(By.id("agree")), AFTER_MOVE);
        }

        /** Marks the document: if the mark is still there later, the page was never reloaded. */
        void mark() {
            js("window.tandemMark = 'unchanged'");
        }

        void stillUnreloaded() {
            assertThat(js("return window.tandemMark")).as("the partner's page updated in place").isEqualTo("unchanged");
        }

        void audit(String page) {
            frame.enter();
            AccessibilityAudit audit = AccessibilityAudit.of(driver, page);
            assertThat(audit.rulesEvaluated()).isPositive();
            audits.add(audit);
            System.out.println("axe-core: " + audit.summary());
        }

        @Override
        public void close() {
            chromium.close();
        }
    }

    @Test
    void aPairPlaysTheWholeCaseInTwoBrowsersAndOneReconnects() throws Exception {
        URL local = new URL("http://localhost:" + base.getPort() + "/");
        PairedCourse course = PairedCourse.placeAndPair(local);

        try (Seat alex = new Seat("manager", DESKTOP)) {
            Seat priya = new Seat("clinician", PHONE);
            try {
                assertThat(alex.text(By.id("seat"))).contains("the clinician's seat");
                assertThat(priya.text(By.id("seat"))).contains("the manager's seat");
                alex.sees(By.xpath("//p[@id='presence'][contains(., 'Dr Priya Shah is here')]"));
                priya.sees(By.xpath("//p[@id='presence'][contains(., 'Alex Morgan is here')]"));
                alex.audit("paired scenario, desktop");
                priya.audit("paired scenario, phone");

                // staffing (the clinician's seat, Alex's): Alex proposes, Priya's phone shows it in place and she objects
                priya.mark();
                alex.choose("ask-own-team", "propose", "We know who can work");
                priya.sees(By.id("agree"));
                priya.stillUnreloaded();
                assertThat(priya.text(By.id("pending"))).contains("Alex Morgan").contains("We know who can work");
                assertThat(priya.js("return document.getElementById('paired').getAttribute('data-stream')")).isEqualTo("open");
                alex.mark();
                priya.object("Asking round takes all afternoon");
                alex.sees(By.id("decide"));
                alex.stillUnreloaded();
                assertThat(alex.text(By.id("history"))).contains("Asking round takes all afternoon");
            } finally {
                // 2. Priya's phone goes away in the middle of the case
                priya.close();
            }
            alex.sees(By.xpath("//p[@id='presence'][contains(., 'Dr Priya Shah is not here')]"));
            alex.choose("ask-own-team", "decide", null);
            assertThat(alex.text(By.id("settled"))).contains("Who covers the gaps?");

            // 3. she comes back in a new browser: the same place, and Alex sees her return
            try (Seat back = new Seat("clinician", PHONE)) {
                assertThat(back.text(By.id("settled"))).contains("Who covers the gaps?");
                assertThat(back.text(By.id("decision-title"))).isEqualTo("What happens to the four beds?");
                alex.sees(By.xpath("//p[@id='presence'][contains(., 'Dr Priya Shah is here')]"));

                back.choose("move-fit-patients", "propose", null);
                alex.sees(By.id("agree"));
                alex.agree();
                back.sees(By.xpath("//h2[@id='decision-title'][. = 'What goes to the site meeting?']"));
                alex.choose("present-together", "propose", null);
                back.sees(By.id("agree"));
                back.agree();

                // 4. both reach the debrief: Alex's page turns to it by itself
                alex.frame.await(By.id("hidden-clinician"));
                back.frame.await(By.id("hidden-manager"));
                assertThat(alex.text(By.tagName("main"))).contains("A nurse on leave told you").contains("neighbouring hospital")
                        .contains("Asking round takes all afternoon").contains("100 %");
                alex.audit("paired debrief");
            }
        }
        course.gradebookWithBothScores("100 / 100");

        List<String> blocking = audits.stream().filter(a -> !a.blocking().isEmpty()).map(AccessibilityAudit::describeBlocking).toList();
        assertThat(blocking).as("serious or critical WCAG 2.2 AA violations:%s", String.join("", blocking)).isEmpty();
    }
}
