package org.tandem.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tandem.Deployments;
import org.tandem.browser.AccessibilityAudit;
import org.tandem.browser.Chromium;
import org.tandem.browser.ToolFrame;

/**
 * A manager on a phone or a ward PC: opens the demo course on one site (127.0.0.1), which frames
 * Tandem from another (localhost), in a Chromium that blocks third-party cookies; answers the
 * consent question, plays a role-swap scenario to its debrief, fills in the pre-programme
 * assessment partly by keyboard, and opens the activity list and a module. Every learner page
 * it reaches is checked with axe-core against WCAG 2.2 AA.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LearnerJourneyBrowserIT {

    private static final Dimension DESKTOP = new Dimension(1280, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String FRAME = "tandem-frame";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    private ChromeDriver driver;
    private ToolFrame frame;
    private final List<AccessibilityAudit> audits = new ArrayList<>();

    @Test
    void learnerCompletesScenarioAndAssessmentInAThirdPartyFrameWithAccessiblePages() {
        int port = base.getPort();
        try (Chromium chromium = Chromium.start(DESKTOP)) {
            driver = chromium.driver();
            frame = new ToolFrame(driver, FRAME, PATIENCE);

            driver.get("http://127.0.0.1:" + port + "/demo?as=manager&tool_host=localhost");
            WebElement scenarioLink = driver.findElement(By.id("link-scenario-friday-discharge"));
            assertThat(scenarioLink.getDomAttribute("target")).isEqualTo(FRAME);
            assertThat(URI.create(scenarioLink.getDomAttribute("href")).getHost())
                    .as("the course page (127.0.0.1) frames Tandem from another site").isEqualTo("localhost");

            scenarioLink.click();
            frame.await(By.cssSelector("input[name=consent][value=yes]"));
            assertThat(js("return location.hostname")).isEqualTo("localhost");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Before you start");
            thirdPartyCookiesAreBlockedHere();
            audit("profile questions");

            frame.enter();
            driver.findElement(By.cssSelector("input[name=consent][value=yes]")).click();
            WebElement choice = frame.clickAndAwait(driver.findElement(By.cssSelector("main form button[type=submit]")),
                    By.cssSelector("ul.choices button"));
            assertThat(driver.findElement(By.cssSelector("p.progress")).getText()).contains("decision 1");
            audit("scenario scene");

            playScenarioToItsEnding(choice);
            assertThat(driver.findElements(By.tagName("h2"))).extracting(WebElement::getText).contains("Debrief");
            assertThat(driver.findElement(By.id("result")).getText())
                    .matches("Your decisions scored \\d{1,3}% of the best possible path\\.");
            audit("scenario ending");

            frame.leave();
            driver.findElement(By.id("link-assessment-relationship-pre")).click();
            frame.await(By.cssSelector("form#assessment"));
            assertThat(driver.findElement(By.cssSelector("p.progress")).getText()).isEqualTo("Before the programme");
            audit("assessment form");
            String total = driver.findElement(By.id("answered")).getDomAttribute("data-total");
            assertThat(driver.findElement(By.id("answered")).getText()).isEqualTo("0 of " + total + " answered, " + total + " to go");
            scaleStaysInOrderOnAPhone();

            List<String> items = answerEveryItemPartlyByKeyboard();
            assertThat(driver.findElement(By.id("answered")).getText()).as("the count follows the answers")
                    .isEqualTo(total + " of " + total + " answered, 0 to go");
            answersSurviveAReload(items);
            frame.clickAndAwait(driver.findElement(By.id("submit")), By.id("result"));
            assertThat(driver.findElement(By.id("result")).getText())
                    .startsWith("Thank you. You submitted the before-the-programme assessment");
            audit("assessment thank-you");

            frame.clickAndAwait(driver.findElement(By.linkText("All activities")), By.cssSelector("ul.activities"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your activities");
            assertThat(driver.findElement(By.tagName("main")).getText())
                    .contains("Submitted").containsPattern("Completed, score \\d{1,3}%");
            audit("activity list");
            activityListFitsAPhoneWithoutSidewaysScrolling();

            frame.leave();
            driver.findElement(By.id("link-module-two-views-waiting-list")).click();
            frame.await(By.cssSelector("div.views"));
            assertThat(driver.findElement(By.cssSelector("p.progress")).getText()).contains("section 1 of");
            audit("module section");
        }

        assertThat(audits).as("pages audited").hasSize(7);
        List<String> blocking = audits.stream().filter(a -> !a.blocking().isEmpty()).map(AccessibilityAudit::describeBlocking).toList();
        assertThat(blocking).as("serious or critical WCAG 2.2 AA violations on learner pages:%s", String.join("", blocking)).isEmpty();
    }

    /**
     * The launch above already got through without a readable cookie; here the browser shows that
     * it really blocks them in this frame: an unpartitioned SameSite=None cookie does not stick,
     * while a Partitioned (CHIPS) one does, so document.cookie itself works.
     */
    private void thirdPartyCookiesAreBlockedHere() {
        Object cookies = js("document.cookie = 'tandem_probe_shared=1; Path=/; SameSite=None; Secure';"
                + "document.cookie = 'tandem_probe_partitioned=1; Path=/; SameSite=None; Secure; Partitioned';"
                + "var seen = document.cookie;"
                + "document.cookie = 'tandem_probe_partitioned=; Path=/; SameSite=None; Secure; Partitioned; Max-Age=0';"
                + "document.cookie = 'tandem_probe_shared=; Path=/; SameSite=None; Secure; Max-Age=0';"
                + "return seen;");
        assertThat(String.valueOf(cookies))
                .as("cookies readable in the localhost frame under the 127.0.0.1 page")
                .contains("tandem_probe_partitioned=1")
                .doesNotContain("tandem_probe_shared");
    }

    /** Clicks a choice in every scene (the first, then the last, alternating) until an ending shows. */
    private void playScenarioToItsEnding(WebElement firstChoice) {
        WebElement choice = firstChoice;
        for (int decision = 1; decision <= 20; decision++) {
            frame.clickAndAwait(choice, By.cssSelector("ul.choices button, #ending"));
            if (!driver.findElements(By.id("ending")).isEmpty()) {
                return;
            }
            List<WebElement> choices = driver.findElements(By.cssSelector("ul.choices button"));
            choice = decision % 2 == 0 ? choices.get(0) : choices.get(choices.size() - 1);
        }
        throw new AssertionError("no ending after 20 decisions; the frame shows: " + frame.shows());
    }

    /**
     * The first statement is answered by keyboard only (space, then an arrow key to change the
     * answer), the second is reached with Tab; the rest by pointer. After each answer the page's
     * script saves it and says so.
     */
    private List<String> answerEveryItemPartlyByKeyboard() {
        Set<String> names = new LinkedHashSet<>();
        for (WebElement radio : driver.findElements(By.cssSelector("form#assessment input[type=radio]"))) {
            names.add(radio.getDomAttribute("name"));
        }
        List<String> items = names.stream().filter(n -> n.startsWith("item:")).toList();
        assertThat(items).as("Likert items").hasSizeGreaterThanOrEqualTo(2);

        List<WebElement> first = radios(items.get(0));
        autosaved(() -> first.get(0).sendKeys(Keys.SPACE));
        assertThat(first.get(0).isSelected()).as("space selects the focused answer").isTrue();
        autosaved(() -> new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform());
        assertThat(first.get(1).isSelected()).as("an arrow key moves to the next answer and selects it").isTrue();
        assertThat(driver.switchTo().activeElement()).isEqualTo(first.get(1));

        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getDomAttribute("name")).as("Tab leads to the next statement").isEqualTo(items.get(1));
        autosaved(() -> new Actions(driver).sendKeys(Keys.SPACE).perform());
        assertThat(focused.isSelected()).isTrue();

        for (int i = 2; i < items.size(); i++) {
            List<WebElement> options = radios(items.get(i));
            WebElement option = options.get(i % options.size());
            autosaved(option::click);
        }
        for (String other : names) {
            if (!other.startsWith("item:")) {
                List<WebElement> options = radios(other);
                autosaved(options.get(options.size() - 1)::click);
            }
        }
        return List.copyOf(names);
    }

    private List<WebElement> radios(String name) {
        return driver.findElements(By.cssSelector("form#assessment input[type=radio][name='" + name + "']"));
    }

    /** Clears the save status, answers, and waits for the script to report the answer saved. */
    private void autosaved(Runnable answer) {
        WebElement status = driver.findElement(By.id("autosave-status"));
        js("arguments[0].textContent = ''", status);
        answer.run();
        new WebDriverWait(driver, PATIENCE).withMessage(() -> "autosave status: '" + status.getText() + "'")
                .until(d -> "Saved.".equals(status.getText()));
    }

    /** What the script saved is there when the page comes back (as after the LMS frame was closed). */
    private void answersSurviveAReload(List<String> groups) {
        WebElement before = driver.findElement(By.tagName("html"));
        js("location.reload()");
        new WebDriverWait(driver, PATIENCE).until(ToolFrame.gone(before));
        frame.await(By.cssSelector("form#assessment"));
        for (String group : groups) {
            assertThat(radios(group)).as("saved answer for %s", group).anyMatch(WebElement::isSelected);
        }
    }

    /**
     * At 390 px every five-point scale stays one row, its points left to right in order (a scale
     * wrapped onto two lines reads as two scales), and the page does not scroll sideways.
     */
    private void scaleStaysInOrderOnAPhone() {
        driver.manage().window().setSize(PHONE);
        try {
            frame.enter();
            new WebDriverWait(driver, PATIENCE).until(d -> ((Number) js("return window.innerWidth")).intValue() < PHONE.getWidth());
            List<WebElement> scales = driver.findElements(By.cssSelector("form#assessment .options.scale"));
            assertThat(scales).as("rating scales on the form").isNotEmpty();
            for (WebElement scale : scales) {
                List<WebElement> labels = scale.findElements(By.tagName("label"));
                for (int i = 1; i < labels.size(); i++) {
                    org.openqa.selenium.Rectangle before = labels.get(i - 1).getRect();
                    org.openqa.selenium.Rectangle after = labels.get(i).getRect();
                    assertThat(after.getY()).as("point %d of a scale on the same row as point %d", i + 1, i).isEqualTo(before.getY());
                    assertThat(after.getX()).as("point %d of a scale right of point %d", i + 1, i).isGreaterThan(before.getX());
                }
            }
            Number scrollWidth = (Number) js("return document.documentElement.scrollWidth");
            Number innerWidth = (Number) js("return window.innerWidth");
            assertThat(scrollWidth.intValue()).as("assessment width at %d px", PHONE.getWidth()).isLessThanOrEqualTo(innerWidth.intValue());
        } finally {
            driver.manage().window().setSize(DESKTOP);
            frame.enter();
        }
    }

    private void activityListFitsAPhoneWithoutSidewaysScrolling() {
        driver.manage().window().setSize(PHONE);
        try {
            frame.enter();
            new WebDriverWait(driver, PATIENCE).until(d -> ((Number) js("return window.innerWidth")).intValue() < PHONE.getWidth());
            Number scrollWidth = (Number) js("return document.documentElement.scrollWidth");
            Number innerWidth = (Number) js("return window.innerWidth");
            System.out.println("phone width: activity list " + scrollWidth + " px wide in a " + innerWidth + " px frame");
            assertThat(scrollWidth.intValue()).as("activity list width at %d px (frame %d px wide)", PHONE.getWidth(), innerWidth.intValue())
                    .isLessThanOrEqualTo(innerWidth.intValue());
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    /** Audits the document in the frame, logs what axe found, and goes back into the frame. */
    private void audit(String page) {
        frame.enter();
        AccessibilityAudit audit = AccessibilityAudit.of(driver, page);
        assertThat(audit.rulesEvaluated()).as("axe rules evaluated on %s", page).isPositive();
        assertThat(audit.url()).as("axe analysed Tandem's page in the frame").startsWith("http://localhost:");
        audits.add(audit);
        System.out.println("axe-core: " + audit.summary());
        if (!audit.blocking().isEmpty()) {
            System.out.println("axe-core: serious/critical on " + page + ":" + audit.describeBlocking());
        }
        if (!audit.minor().isEmpty()) {
            System.out.println("axe-core: moderate/minor on " + page + " (not failing):" + audit.describeMinor());
        }
        frame.enter();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
