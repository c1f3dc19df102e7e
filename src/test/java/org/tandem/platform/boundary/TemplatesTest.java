package org.tandem.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.access.boundary.HomeResource;
import org.tandem.access.entity.TandemRole;

/** The compiled templates: the one layout, escaping by context, and words from the bundle of the person's language. */
class TemplatesTest {

    private static final Messages ENGLISH = Messages.of(Locale.UK);
    private static final String HOSTILE = "<script>alert('x')</script> \"Bobby\" & co";

    private static HomeResource.Home home(String person, String token) {
        return new HomeResource.Home(person, "Learner", Optional.of("Ward 7 <b>induction</b>"), Optional.empty(),
                "https://moodle.example", TandemRole.LEARNER, false, false, false, token);
    }

    @Test
    void everyPageHasTheLayout() {
        String html = Pages.render(ENGLISH, "access/boundary/home.jte", home("Alex Morgan", "tok"));
        assertThat(html).startsWith("<!doctype html>\n<html lang=\"en-GB\">")
                .contains("<title>Welcome – Tandem</title>")
                .contains("<link rel=\"stylesheet\" href=\"/assets/tandem.css\">")
                .contains("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .contains("<header class=\"site\"><span class=\"brand\">Tandem</span><span class=\"person\">Alex Morgan</span></header>")
                .contains("<main id=\"main\" tabindex=\"-1\">")
                .contains("<footer class=\"site\">")
                .contains("<dd id=\"who\">Alex Morgan</dd>")
                .contains("<a class=\"button\" id=\"activities\" href=\"/learn/activities?s=tok\">Open your activities</a>")
                .doesNotContain("id=\"grades\"");
    }

    @Test
    void escapesTextLikeTheOwaspEncoderAndAttributesByTheirContext() {
        String html = Pages.render(ENGLISH, "access/boundary/home.jte", home(HOSTILE, "a\"><script>x()</script>"));
        String text = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;Bobby&#34; &amp; co";
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>")
                .contains("<h1>Welcome, " + text + "</h1>")
                .contains("<span class=\"person\">" + text + "</span>")
                .contains("<dd id=\"course\">Ward 7 &lt;b&gt;induction&lt;/b&gt;</dd>")
                .contains("href=\"/learn/activities?s=a&#34;>&lt;script>x()&lt;/script>\"");
    }

    @Test
    void aShortMessageCanAlertAndLinkOn() {
        Message message = Message.of("Pairs changed", "Someone <else> changed them.").headed("Someone else changed the pairs")
                .by("Sam").alerting("problem").linking(Message.Link.button("/roster?s=t&done=1", "Show the pairs", "current-pairs"));
        String html = Pages.render(ENGLISH, Message.TEMPLATE, message);
        assertThat(html).contains("<title>Pairs changed – Tandem</title>")
                .contains("<h1>Someone else changed the pairs</h1>")
                .contains("<div class=\"error\" role=\"alert\" id=\"problem\">Someone &lt;else&gt; changed them.</div>")
                .contains("<p><a class=\"button\" id=\"current-pairs\" href=\"/roster?s=t&amp;done=1\">Show the pairs</a></p>");
        assertThat(Pages.render(ENGLISH, Message.TEMPLATE, Message.of("Gone", "Nothing here.")))
                .contains("<p>Nothing here.</p>").doesNotContain("role=\"alert\"").doesNotContain("<p><a")
                .contains("<header class=\"site\"><span class=\"brand\">Tandem</span></header>");
    }

    @Test
    void aTranslationChangesThePagesWordsWithNoCodeChange() {
        Messages pseudo = Messages.choose(Optional.empty(), "en-XA");
        String html = Pages.render(pseudo, "access/boundary/home.jte", home("Alex", "tok"));
        assertThat(html).contains("<html lang=\"en-XA\">")
                .contains("<title>[Ŵéļçömé] – Tandem</title>")
                .contains("<a class=\"skip\" href=\"#main\">[Šķîþ ţö çöñţéñţ]</a>")
                .contains("<h1>[Ŵéļçömé, Alex]</h1>")
                .contains("<dt>[Ýöû åŕé]</dt>")
                // what the test translation lacks stays British English
                .contains("<dt>Your role in Tandem</dt>");
    }
}
