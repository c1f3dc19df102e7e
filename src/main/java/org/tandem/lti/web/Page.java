package org.tandem.lti.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.owasp.encoder.Encode;

/**
 * A small, accessible HTML page for the LTI library's own screens (errors, confirmations,
 * administration). Every value that is not markup goes through {@link #text} or {@link #attr}.
 */
public final class Page {

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder head = new StringBuilder();

    private Page(String title) {
        this.title = title;
    }

    public static Page titled(String title) {
        return new Page(title);
    }

    public static String text(Object value) {
        return value == null ? "" : Encode.forHtml(String.valueOf(value));
    }

    public static String attr(Object value) {
        return value == null ? "" : Encode.forHtmlAttribute(String.valueOf(value));
    }

    /** Adds trusted markup; callers encode every dynamic value they put inside. */
    public Page html(String markup) {
        body.append(markup).append('\n');
        return this;
    }

    public Page heading(String text) {
        return html("<h1>" + text(text) + "</h1>");
    }

    public Page paragraph(String text) {
        return html("<p>" + text(text) + "</p>");
    }

    /** A script served by Tandem (CSP allows 'self' scripts only, never inline ones). */
    public Page script(String path) {
        head.append("<script src=\"").append(attr(path)).append("\" defer></script>\n");
        return this;
    }

    public String render() {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + text(title) + " – Tandem</title>\n"
                + "<link rel=\"stylesheet\" href=\"/assets/tandem.css\">\n" + head
                + "</head>\n<body>\n<main id=\"main\">\n" + body + "</main>\n</body>\n</html>\n";
    }

    public Response response(int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(render())
                .header("Cache-Control", "no-store").build();
    }
}
