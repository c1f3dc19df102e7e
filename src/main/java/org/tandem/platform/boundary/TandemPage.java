package org.tandem.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.owasp.encoder.Encode;

/**
 * The layout of Tandem's own pages (learner, trainer, evaluator): light, accessible, no external
 * resources. Every dynamic value goes through {@link #text} or {@link #attr}; Markdown arrives
 * already sanitised. Scripts come from Tandem's assets only (CSP forbids inline script).
 */
public final class TandemPage {

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder scripts = new StringBuilder();
    private String person;

    private TandemPage(String title) {
        this.title = title;
    }

    public static TandemPage titled(String title) {
        return new TandemPage(title);
    }

    public static String text(Object value) {
        return value == null ? "" : Encode.forHtml(String.valueOf(value));
    }

    public static String attr(Object value) {
        return value == null ? "" : Encode.forHtmlAttribute(String.valueOf(value));
    }

    /** Shows who is signed in (from the launch) in the header. */
    public TandemPage person(String displayName) {
        this.person = displayName;
        return this;
    }

    /** Trusted markup; callers encode what they put inside. */
    public TandemPage html(String markup) {
        body.append(markup).append('\n');
        return this;
    }

    public TandemPage heading(String text) {
        return html("<h1>" + text(text) + "</h1>");
    }

    public TandemPage paragraph(String text) {
        return html("<p>" + text(text) + "</p>");
    }

    public TandemPage script(String path) {
        scripts.append("<script src=\"").append(attr(path)).append("\" defer></script>\n");
        return this;
    }

    public String render() {
        return "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + text(title) + " – Tandem</title>\n"
                + "<link rel=\"stylesheet\" href=\"/assets/tandem.css\">\n" + scripts
                + "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header class=\"site\"><span class=\"brand\">Tandem</span>"
                + (person == null ? "" : "<span class=\"person\">" + text(person) + "</span>") + "</header>\n"
                + "<main id=\"main\" tabindex=\"-1\">\n" + body + "</main>\n</body>\n</html>\n";
    }

    public Response response(int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(render())
                .header("Cache-Control", "no-store").build();
    }
}
