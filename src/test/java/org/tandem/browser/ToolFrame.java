package org.tandem.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The LMS page's iframe that shows the tool. Tandem's pages arrive in it through redirects and
 * auto-posted forms, so every wait re-enters the frame and looks for the element that marks the
 * page expected next, once that document has finished loading (deferred scripts attached).
 */
public final class ToolFrame {

    private final WebDriver driver;
    private final String name;
    private final Duration timeout;

    public ToolFrame(WebDriver driver, String name, Duration timeout) {
        this.driver = driver;
        this.name = name;
        this.timeout = timeout;
    }

    /** Switches the driver into the frame's current document. */
    public void enter() {
        driver.switchTo().defaultContent();
        new WebDriverWait(driver, timeout).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(name));
    }

    /** Back to the LMS page around the frame. */
    public void leave() {
        driver.switchTo().defaultContent();
    }

    /** Waits until the frame shows a loaded document with this element; leaves the driver inside the frame. */
    public WebElement await(By element) {
        try {
            return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(200)).ignoring(WebDriverException.class)
                    .until(d -> {
                        d.switchTo().defaultContent();
                        d.switchTo().frame(name);
                        if (!"complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))) {
                            return null;
                        }
                        List<WebElement> found = d.findElements(element);
                        return found.isEmpty() ? null : found.get(0);
                    });
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + element + " in frame '" + name
                    + "'; it shows: " + shows(), e);
        }
    }

    /**
     * Clicks something inside the frame that loads a new document there (a form post and its
     * redirect), waits until the old document is gone, then for the element of the next page.
     */
    public WebElement clickAndAwait(WebElement inFrame, By next) {
        WebElement before = driver.findElement(By.tagName("html"));
        inFrame.click();
        try {
            new WebDriverWait(driver, timeout).until(gone(before));
        } catch (TimeoutException e) {
            throw new AssertionError("the frame did not leave its page after the click; it shows: " + shows(), e);
        }
        return await(next);
    }

    /**
     * The element's document has been replaced. Selenium's {@code stalenessOf} expects a
     * StaleElementReferenceException, but Chromium sometimes answers a node of a document that is
     * going away with "unknown error: Node with given id does not belong to the document": that
     * means gone too, not a failure.
     */
    public static ExpectedCondition<Boolean> gone(WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    /** The frame's address and the start of its text, for failure messages. */
    public String shows() {
        try {
            driver.switchTo().defaultContent();
            driver.switchTo().frame(name);
            return String.valueOf(((JavascriptExecutor) driver).executeScript(
                    "return location.href + ' | ' + (document.body ? document.body.innerText.slice(0, 800) : '(no body)')"));
        } catch (WebDriverException e) {
            return "(could not read the frame: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }
}
