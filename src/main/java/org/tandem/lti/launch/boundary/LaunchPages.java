package org.tandem.lti.launch.boundary;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.tandem.lti.launch.control.LaunchCheck;
import org.tandem.lti.web.Page;

/** The pages a person sees when a launch cannot go on: what failed, and what to do about it. */
final class LaunchPages {

    private LaunchPages() {
    }

    static Response rejected(LaunchCheck check, String message, String hint, Optional<Long> recordId) {
        Page page = Page.titled("Launch refused")
                .heading("This launch could not be completed")
                .html("<p>Tandem refused the launch from your learning platform because "
                        + Page.text(message) + ".</p>")
                .html("<p>Please try again from your course. If it keeps happening, tell your "
                        + "learning platform administrator what this page says.</p>")
                .html("<h2>For the administrator</h2>")
                .html("<dl><dt>Failed check</dt><dd><code>" + Page.text(check.name()) + "</code> – "
                        + Page.text(check.description()) + "</dd>"
                        + "<dt>What to check</dt><dd>" + Page.text(hint) + "</dd>"
                        + recordId.map(id -> "<dt>Diagnostics</dt><dd>launch record " + id
                        + " on Tandem's admin page, Launches</dd>").orElse("") + "</dl>");
        return page.response(check.status());
    }

    /**
     * The state could not be tied to this browser (cookies blocked, no platform storage), or the
     * platform could not authenticate the person inside the frame: a new window is a first-party
     * context where both work.
     */
    static Response newWindow(int status, String title, String explanation, Optional<URI> relaunch) {
        Page page = Page.titled(title).heading(title).html("<p>" + Page.text(explanation) + "</p>");
        if (relaunch.isPresent()) {
            page.html("<p><a class=\"button\" href=\"" + Page.attr(relaunch.get())
                    + "\" target=\"_blank\" rel=\"opener\">Open Tandem in a new window</a></p>")
                    .html("<p>The new window starts the same activity again; you can close it when you are done.</p>");
        } else {
            page.html("<p>Please go back to your course and open the activity again.</p>");
        }
        return page.response(status);
    }
}
