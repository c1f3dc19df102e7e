package org.tandem.lti.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The LTI library's own pages (launch errors, "open in a new window", registration results,
 * platform storage): templates under src/main/jte/lti/web, compiled into this package and drawn
 * inside lti/web/page.jte, the library's minimal layout. They take their words from
 * {@link LtiMessages} and their values from records of the library, so, like every class of
 * {@code org.tandem.lti}, they import nothing of the application (ArchitectureTest).
 */
public final class LtiPages {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            LtiPages.class.getClassLoader(), "org.tandem");

    /** The view of lti/web/message.jte: a title and one paragraph. */
    public record Message(String title, String text) {
    }

    private LtiPages() {
    }

    /** A template of the library (its name starts with {@code lti/}) drawing a view in these words. */
    public static String render(String template, LtiMessages words, Object view) {
        if (!template.startsWith("lti/")) {
            throw new IllegalArgumentException("the LTI library draws only its own templates, not " + template);
        }
        StringOutput out = new StringOutput();
        ENGINE.render(template, Map.of("t", words, "view", view), out);
        return out.toString();
    }

    public static Response message(int status, String acceptLanguage, Message message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(render("lti/web/message.jte", LtiMessages.forAcceptLanguage(acceptLanguage), message))
                .header("Cache-Control", "no-store").build();
    }
}
