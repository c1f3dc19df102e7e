package org.tandem.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.tandem.Deployments;
import org.tandem.browser.AccessibilityAudit;
import org.tandem.browser.Chromium;
import org.tandem.browser.ToolFrame;

/**
 * An evaluator on a fresh install: generates the demo cohort on the demo course page, launches as
 * Jordan Lee (evaluator) into a frame of another site, opens the programme evaluation and reads
 * it; the page, its tables and charts pass axe-core's WCAG 2.2 AA checks. Then the same page on a
 * 1280 × 800 laptop screen (the key results in the first screen, every table whole, nothing wider
 * than the window) and on a 390 px phone (chart text at least 10 CSS px, nothing wider than the
 * screen), the viewport set through Chromium's device emulation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EvaluationBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String FRAME = "tandem-frame";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    @Test
    void evaluatorReadsTheProgrammeEvaluationOfTheDemoCohort() {
        int port = base.getPort();
        try (Chromium chromium = Chromium.start(new Dimension(1280, 1000))) {
            ChromeDriver driver = chromium.driver();
            ToolFrame frame = new ToolFrame(driver, FRAME, PATIENCE);

            driver.get("http://127.0.0.1:" + port + "/demo?as=evaluator&tool_host=localhost");
            driver.findElement(By.cssSelector("#cohort-form button[type=submit]")).click();
            WebElement status = new org.openqa.selenium.support.ui.WebDriverWait(driver, PATIENCE)
                    .until(d -> d.findElement(By.cssSelector("#cohort-status")));
            assertThat(status.getText()).contains("Generated 20 managers and 20 clinicians");

            driver.findElement(By.id("launch-evaluator")).click();
            frame.await(By.id("evaluation"));
            assertThat(driver.findElement(By.id("role")).getText()).contains("Evaluator");
            frame.clickAndAwait(driver.findElement(By.id("evaluation")), By.tagName("table"));

            String page = driver.findElement(By.tagName("main")).getText();
            assertThat(page).doesNotContain("Alex Morgan").doesNotContain("demo-cohort-");
            assertThat(driver.findElements(By.cssSelector("table caption"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("svg[role=img] title"))).isNotEmpty();
            assertThat(driver.findElement(By.id("export-csv")).getDomAttribute("href")).contains("/evaluate/export.csv");

            AccessibilityAudit audit = AccessibilityAudit.of(driver, "programme evaluation");
            System.out.println("axe-core: " + audit.summary());
            assertThat(audit.rulesEvaluated()).isPositive();
            assertThat(audit.url()).startsWith("http://localhost:");
            assertThat(audit.blocking()).as("serious or critical WCAG 2.2 AA violations:%s", audit.describeBlocking()).isEmpty();

            // the evaluation as its own page (the address carries the launch token), as an evaluator opens it in a new tab
            frame.enter();
            String evaluation = String.valueOf(driver.executeScript("return location.href"));
            assertThat(evaluation).contains("/evaluate?");
            driver.switchTo().defaultContent();
            driver.get(evaluation);
            readsOnALaptop(driver);
            readsOnAPhone(driver);
        }
    }

    private static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        driver.navigate().refresh();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, PATIENCE)
                .until(d -> "complete".equals(driver.executeScript("return document.readyState"))
                        && ((Number) driver.executeScript("return innerWidth")).intValue() == width);
    }

    /** 1280 × 800: the key results first and whole in the first screen; every table whole, nothing cut or wider than the window. */
    private static void readsOnALaptop(ChromeDriver driver) {
        viewport(driver, 1280, 800, false);
        assertThat(driver.findElements(By.id("headline"))).as("the evaluation at %s shows: %s", driver.getCurrentUrl(),
                driver.findElement(By.tagName("body")).getText()).isNotEmpty();
        WebElement headline = driver.findElement(By.id("headline"));
        assertThat(headline.getText()).contains("Key results").contains("All learners:").contains("Managers:")
                .contains("Clinicians:").contains("points on average on the 1\u20135 scale").contains("95 % interval");
        assertThat(driver.executeScript("return document.querySelector('main h2').id")).as("the first section")
                .isEqualTo("headline-heading");
        Map<?, ?> box = (Map<?, ?>) driver.executeScript(
                "const r = document.getElementById('headline').getBoundingClientRect(); return {top: r.top, bottom: r.bottom};");
        assertThat(((Number) box.get("top")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("bottom")).doubleValue()).as("the headline's bottom on an 800 px screen").isLessThanOrEqualTo(800);
        assertThat(overflow(driver)).as("the page is no wider than the window").isLessThanOrEqualTo(1280);
        List<?> cut = (List<?>) driver.executeScript("return [...document.querySelectorAll('table')]"
                + ".filter(t => { const box = t.closest('.table-scroll') || t.parentElement;"
                + " return box.scrollWidth > box.clientWidth || t.getBoundingClientRect().right > innerWidth; })"
                + ".map(t => t.id + ' ' + Math.round(t.getBoundingClientRect().width) + ' px');");
        assertThat(driver.findElements(By.cssSelector("table.figures")).size()).isGreaterThanOrEqualTo(10);
        assertThat(cut).as("tables cut off at 1280 px").isEmpty();
        assertThat(driver.findElement(By.id("summary-all")).getText()).contains("Cronbach's α");
        assertThat(driver.findElements(By.cssSelector("#chart-forest svg .forest-row"))).hasSizeGreaterThanOrEqualTo(15);
    }

    /** 390 px: the charts' text at least 10 CSS px high, and nothing but a table's own scroller wider than the screen. */
    private static void readsOnAPhone(ChromeDriver driver) {
        viewport(driver, 390, 844, true);
        assertThat(overflow(driver)).as("the page is no wider than the phone").isLessThanOrEqualTo(390);
        List<?> texts = (List<?>) driver.executeScript("return [...document.querySelectorAll('svg text')].map(t => {"
                + " const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
                + " return {text: t.textContent, height: t.getBoundingClientRect().height,"
                + " px: parseFloat(getComputedStyle(t).fontSize) * scale, right: svg.getBoundingClientRect().right}; });");
        assertThat(texts).hasSizeGreaterThan(40);
        for (Object each : texts) {
            Map<?, ?> text = (Map<?, ?>) each;
            assertThat(((Number) text.get("height")).doubleValue()).as("rendered height of '%s'", text.get("text"))
                    .isGreaterThanOrEqualTo(10);
            assertThat(((Number) text.get("px")).doubleValue()).as("font size of '%s' in CSS px", text.get("text"))
                    .isGreaterThanOrEqualTo(10);
            assertThat(((Number) text.get("right")).doubleValue()).as("the chart of '%s' fits the screen", text.get("text"))
                    .isLessThanOrEqualTo(390);
        }
    }

    /** How wide the page is: the document's scroll width. */
    private static long overflow(ChromeDriver driver) {
        return ((Number) driver.executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"))
                .longValue();
    }
}
