package org.tandem.lti.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The LTI library's own pages: its minimal layout, its own words, escaping by context. */
class LtiPagesTest {

    @Test
    void drawsAMessageInTheLibrarysLayout() {
        String html = LtiPages.render("lti/web/message.jte", LtiMessages.forAcceptLanguage("cy, en;q=0.5"),
                new LtiPages.Message("Launch refused", "The platform <https://lms.example> is not registered."));
        assertThat(html).startsWith("<!doctype html>\n<html lang=\"en\">")
                .contains("<title>Launch refused</title>")
                .contains("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .contains("<h1>Launch refused</h1>")
                .contains("<p>The platform &lt;https://lms.example&gt; is not registered.</p>")
                .doesNotContain("<header");
    }

    @Test
    void drawsOnlyItsOwnTemplates() {
        assertThatThrownBy(() -> LtiPages.render("platform/boundary/message.jte", LtiMessages.forAcceptLanguage(null), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
