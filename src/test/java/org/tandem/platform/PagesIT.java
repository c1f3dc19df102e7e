package org.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;

/**
 * The compiled templates on Payara Micro: the WAR's class loader (delegate="false") finds the
 * precompiled template classes and the message bundles, every page has the one layout under the
 * strict CSP, and a translation added to the WAR as a file (here the test pseudo-locale en-XA)
 * changes the pages' words with no code change.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PagesIT {

    private static final String SESSION_ENDED_XA = "[Ýöûŕ Ţåñðéɱ šéššîöñ ĥåš éñðéð]";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem().addAsResource("messages_en_XA.properties");
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + base.getPort() + "/" + path));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFrontDoorIsDrawnInTheLayoutUnderTheStrictPolicy() throws Exception {
        HttpResponse<String> index = get("", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).doesNotContain("unsafe-inline"));
        assertThat(index.body()).startsWith("<!doctype html>\n<html lang=\"en-GB\">")
                .contains("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .contains("<header class=\"site\"><span class=\"brand\">Tandem</span></header>")
                .contains("<h2>For administrators</h2>")
                .contains("<footer class=\"site\">")
                .doesNotContain("style=").doesNotContain("<script>");
    }

    @Test
    void aTranslationInTheWarChangesTheWordsOfItsPages() throws Exception {
        HttpResponse<String> missing = get("no-such-page", "fr-FR, en-XA;q=0.8");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<html lang=\"en-XA\">")
                .contains("<a class=\"skip\" href=\"#main\">[Šķîþ ţö çöñţéñţ]</a>")
                // a key the translation lacks shows in British English
                .contains("<p>There is nothing at this address.</p>");

        HttpResponse<String> ended = get("app/home?s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "en-XA");
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("<h1>" + SESSION_ENDED_XA + "</h1>");

        HttpResponse<String> english = get("app/home?s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "de-DE");
        assertThat(english.statusCode()).isEqualTo(401);
        assertThat(english.body()).contains("<html lang=\"en-GB\">").contains("<h1>Your Tandem session has ended</h1>")
                .doesNotContain(SESSION_ENDED_XA);
    }
}
