package org.tandem.platform.boundary;

import java.util.Optional;

/**
 * The view of a short page (drawn by platform/boundary/message.jte): a heading, one message,
 * shown as an alert when something was refused, and perhaps a link onwards. All text is already
 * in the person's language ({@link Pages#text}); the template escapes it.
 */
public record Message(String title, String heading, Optional<String> person, String text, Optional<String> alertId,
                      boolean alert, Optional<Link> link) {

    static final String TEMPLATE = "platform/boundary/message.jte";

    /** A link onwards; {@code button} draws it as a button, {@code id} is for tests and scripts. */
    public record Link(String href, String text, Optional<String> id, boolean button) {

        public static Link to(String href, String text) {
            return new Link(href, text, Optional.empty(), false);
        }

        public static Link button(String href, String text, String id) {
            return new Link(href, text, Optional.of(id), true);
        }
    }

    /** A page whose heading is its title, with the message as a paragraph. */
    public static Message of(String title, String text) {
        return new Message(title, title, Optional.empty(), text, Optional.empty(), false, Optional.empty());
    }

    public Message headed(String heading) {
        return new Message(title, heading, person, text, alertId, alert, link);
    }

    /** Who is signed in, for the header. */
    public Message by(String displayName) {
        return new Message(title, heading, Optional.ofNullable(displayName), text, alertId, alert, link);
    }

    /** The message as an alert (role="alert"), with an id when tests or scripts look for it. */
    public Message alerting(String id) {
        return new Message(title, heading, person, text, Optional.ofNullable(id), true, link);
    }

    public Message linking(Link onwards) {
        return new Message(title, heading, person, text, alertId, alert, Optional.of(onwards));
    }
}
