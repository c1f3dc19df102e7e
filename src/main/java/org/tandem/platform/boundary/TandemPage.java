package org.tandem.platform.boundary;

import gg.jte.Content;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.owasp.encoder.Encode;

/**
 * The string builder the evaluation pages still use until they move to templates (see
 * package-info): their body, assembled in Java with {@link #text} and {@link #attr}, is drawn
 * inside the same layout as every other page (platform/boundary/page.jte). New pages never use
 * it: they build a view record and name a template ({@link Pages}). It is the one place besides
 * the templates that hands markup to the layout (ArchitectureTest names it), and it goes away
 * with the last evaluation page.
 */
public final class TandemPage {

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<String> scripts = new ArrayList<>();
    private String person;

    private TandemPage(String title) {
        this.title = title;
    }

    public static TandemPage titled(String title) {
        return new TandemPage(title);
    }

    /** A value as HTML text, encoded as the templates encode text (quotes too); empty for null. */
    public static String text(Object value) {
        return encoded(value, Encode::forHtml);
    }

    /** A value inside a double-quoted attribute; empty for null. */
    public static String attr(Object value) {
        return encoded(value, Encode::forHtmlAttribute);
    }

    private static String encoded(Object value, UnaryOperator<String> encoder) {
        return value == null ? "" : encoder.apply(String.valueOf(value));
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
        return element("h1", text);
    }

    public TandemPage paragraph(String text) {
        return element("p", text);
    }

    private TandemPage element(String tag, String text) {
        return html("<" + tag + ">" + text(text) + "</" + tag + ">");
    }

    public TandemPage script(String path) {
        scripts.add(path);
        return this;
    }

    public String render() {
        String markup = body.toString();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("t", Messages.of(Messages.BRITISH_ENGLISH));
        parameters.put("title", title);
        parameters.put("person", person);
        parameters.put("scripts", List.copyOf(scripts));
        parameters.put("content", (Content) output -> output.writeContent(markup));
        return Templates.render("platform/boundary/page.jte", parameters);
    }

    public Response response(int status) {
        return Pages.response(status, render());
    }
}
