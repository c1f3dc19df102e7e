package org.tandem.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
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
 * it; the page, its tables and charts pass axe-core's WCAG 2.2 AA checks.
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
        }
    }
}
