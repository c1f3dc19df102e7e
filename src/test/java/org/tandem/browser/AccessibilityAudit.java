package org.tandem.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (bundled in the Deque jar, so nothing is fetched) against WCAG 2.2 AA, on the document
 * of the driver's current browsing context. The Deque runner finishes its run in a temporary tab
 * and comes back to the top-level document of the original window, so callers that analysed a
 * frame must switch into it again.
 */
public final class AccessibilityAudit {

    public static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /** Impacts that make a page unusable for some people; these fail the build. */
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private final String page;
    private final Results results;

    private AccessibilityAudit(String page, Results results) {
        this.page = page;
        this.results = results;
    }

    public static AccessibilityAudit of(WebDriver driver, String page) {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core did not finish on " + page + ": " + results.getErrorMessage(), results.getError());
        }
        return new AccessibilityAudit(page, results);
    }

    public String page() {
        return page;
    }

    public String url() {
        return results.getUrl();
    }

    /** How many rules axe evaluated; zero means it looked at nothing (an empty or wrong document). */
    public int rulesEvaluated() {
        return results.getPasses().size() + results.getViolations().size() + results.getIncomplete().size();
    }

    public List<Rule> blocking() {
        return results.getViolations().stream().filter(r -> BLOCKING.contains(r.getImpact())).toList();
    }

    public List<Rule> minor() {
        return results.getViolations().stream().filter(r -> !BLOCKING.contains(r.getImpact())).toList();
    }

    /** One line per violation and one per element it found, for the failure message and the log. */
    public static String describe(String page, String url, List<Rule> violations) {
        StringBuilder out = new StringBuilder();
        for (Rule rule : violations) {
            out.append("\n[").append(page).append("] ").append(rule.getId()).append(" (").append(rule.getImpact()).append("): ")
                    .append(rule.getHelp()).append(" – ").append(rule.getHelpUrl()).append("\n    at ").append(withoutQuery(url));
            for (CheckedNode node : rule.getNodes()) {
                out.append("\n    target ").append(node.getTarget()).append(": ").append(node.getHtml());
                if (node.getFailureSummary() != null) {
                    out.append("\n      ").append(node.getFailureSummary().replace("\n", "\n      "));
                }
            }
        }
        return out.toString();
    }

    /** Page addresses carry the launch token in their query; logs need only the path. */
    static String withoutQuery(String url) {
        return url == null ? "" : url.replaceFirst("[?#].*", "");
    }

    /** A one-line account of the run, for the log. */
    public String summary() {
        return page + " (" + withoutQuery(url()) + "): " + results.getPasses().size() + " rules passed, "
                + results.getIncomplete().size() + " need review " + results.getIncomplete().stream().map(Rule::getId).toList()
                + ", " + blocking().size() + " serious/critical and "
                + minor().size() + " moderate/minor violations";
    }

    public String describeBlocking() {
        return describe(page, url(), blocking());
    }

    public String describeMinor() {
        return describe(page, url(), minor());
    }
}
