package org.tandem.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * How a boundary answers with a page: it builds the page's view model (records) and names the
 * template that draws it; the template gets the view as {@code view} and the person's words as
 * {@code t}. Every page is drawn inside {@code platform/boundary/page.jte}, the one layout.
 *
 * <p>The language is chosen once per request: the launch's (set by whoever resolves the launch
 * token, through {@link #speak}), else the browser's, else British English.
 */
@RequestScoped
public class Pages {

    public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    HttpServletRequest request;

    private Optional<String> launchLocale = Optional.empty();
    private Messages messages;

    /** The language the launch asked for ({@code launch_presentation.locale}), for the rest of this request. */
    public void speak(Optional<String> locale) {
        this.launchLocale = locale;
        this.messages = null;
    }

    public Messages messages() {
        if (messages == null) {
            messages = Messages.choose(launchLocale, request == null ? null : request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        }
        return messages;
    }

    /** Plain text in the person's language, for a view model or a notice carried in a redirect. */
    public String text(String key, Object... values) {
        return messages().text(key, values);
    }

    /** The page a template draws from a view model, with the status given; never cached (it is someone's own). */
    public Response page(int status, String template, Object view) {
        return response(status, render(messages(), template, view));
    }

    /** A short page: a title, a message and perhaps a way on (errors, refusals, "session ended"). */
    public Response message(int status, Message message) {
        return page(status, Message.TEMPLATE, message);
    }

    public String render(String template, Object view) {
        return render(messages(), template, view);
    }

    static String render(Messages messages, String template, Object view) {
        return Templates.render(template, Map.of("t", messages, "view", view));
    }

    static Response response(int status, String html) {
        return Response.status(status).type(HTML).entity(html).header("Cache-Control", "no-store").build();
    }
}
