package org.tandem.catalogue.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Content Markdown to HTML that is safe to put in a page. CommonMark renders; the OWASP sanitizer
 * then keeps only an allow-list of text elements, so whatever a pack author (or an attacker with
 * the admin password) writes — raw HTML, scripts, styles, event handlers, {@code javascript:}
 * links — cannot run in a learner's browser. Raw HTML is handed to the sanitizer rather than
 * escaped, so the few allowed tags (e.g. a plain table, which CommonMark itself cannot write) work.
 * Headings are shifted down two levels: the page owns h1 and h2.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final Pattern SAFE_HREF = Pattern.compile("(?i)^(https?|mailto):.*", Pattern.DOTALL);

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "em", "strong", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6",
                    "code", "pre", "br", "table", "thead", "tbody", "tr", "th", "td")
            // raw HTML headings get the same shift as Markdown ones
            .allowElements((name, attributes) -> "h3", "h1")
            .allowElements((name, attributes) -> "h4", "h2")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            // absolute http(s)/mailto only: no relative links into Tandem, no other schemes
            .allowAttributes("href").matching((element, attribute, value) -> SAFE_HREF.matcher(value).matches() ? value : null)
            .onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(true).build();

    /** Safe HTML for a Markdown text; empty for null. */
    public SafeHtml html(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return SafeHtml.EMPTY;
        }
        Node document = parser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 2));
                visitChildren(heading);
            }
        });
        return new SafeHtml(POLICY.sanitize(renderer.render(document)));
    }
}
