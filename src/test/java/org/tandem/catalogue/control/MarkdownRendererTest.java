package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void rendersEverydayMarkdown() {
        String html = markdown.html("""
                The **target** is *18 weeks*.

                - referral
                - first appointment

                1. listen
                2. decide

                > A quote from the ward.

                Use `RTT` codes:

                    code block
                """).markup();
        assertThat(html)
                .contains("<p>The <strong>target</strong> is <em>18 weeks</em>.</p>")
                .contains("<ul><li>referral</li><li>first appointment</li></ul>")
                .contains("<ol><li>listen</li><li>decide</li></ol>")
                .contains("<blockquote>")
                .contains("<code>RTT</code>")
                .contains("<pre><code>code block");
    }

    @Test
    void shiftsHeadingsSoThePageKeepsH1AndH2() {
        String html = markdown.html("# One\n\n## Two\n\n### Three\n\n#### Four\n\n<h1>Raw one</h1>\n\n<h2>Raw two</h2>\n").markup();
        assertThat(html).doesNotContain("<h1").doesNotContain("<h2")
                .contains("<h3>One</h3>", "<h4>Two</h4>", "<h5>Three</h5>", "<h6>Four</h6>", "<h3>Raw one</h3>", "<h4>Raw two</h4>");
    }

    @Test
    void stripsScriptsStylesAndEventHandlers() {
        String html = markdown.html("""
                Hello <script>alert('x')</script> world.

                <img src="x" onerror="alert(1)">

                <p style="color:red" onclick="steal()">styled</p>

                <style>body { display: none }</style>

                <iframe src="https://evil.example"></iframe>
                """).markup();
        assertThat(html).doesNotContainIgnoringCase("script").doesNotContain("alert").doesNotContain("onerror")
                .doesNotContain("onclick").doesNotContain("style=").doesNotContain("<style").doesNotContain("<img").doesNotContain("iframe")
                .doesNotContain("display")
                .contains("Hello", "world.", "styled");
    }

    @Test
    void keepsOnlyHttpAndMailtoLinksAndMarksThemNoopener() {
        String html = markdown.html("""
                [guide](https://example.org/guide) [mail](mailto:team@example.org)
                [bad](javascript:alert(1)) <a href="javascript:alert(2)">raw</a> <a href="JaVaScRiPt&#58;alert(3)">entity</a>
                [data](data:text/html;base64,PHNjcmlwdD4=) [relative](/admin/api/platforms)
                """).markup();
        // the sanitiser may write the two rel tokens in either order
        assertThat(html)
                .containsPattern("<a href=\"https://example.org/guide\" rel=\"(noopener noreferrer|noreferrer noopener)\">guide</a>")
                .containsPattern("<a href=\"mailto:team&#64;example.org\" rel=\"(noopener noreferrer|noreferrer noopener)\">mail</a>")
                .doesNotContainIgnoringCase("javascript").doesNotContain("data:").doesNotContain("/admin/api")
                .contains("bad", "raw", "entity", "data", "relative");
    }

    @Test
    void keepsPlainTablesWrittenAsHtml() {
        String html = markdown.html("<table><thead><tr><th>Side</th></tr></thead><tbody><tr><td class=\"x\">Manager</td></tr></tbody></table>").markup();
        assertThat(html.strip()).isEqualTo("<table><thead><tr><th>Side</th></tr></thead><tbody><tr><td>Manager</td></tr></tbody></table>");
    }

    @Test
    void rendersNothingForNoText() {
        assertThat(markdown.html(null).markup()).isEmpty();
        assertThat(markdown.html("  ").markup()).isEmpty();
    }
}
