package org.tandem.demo.boundary;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.tandem.demo.control.DemoPlatform;
import org.tandem.lti.web.Page;

/**
 * The guard of the demo pages' forms (cohort, LMS availability): pages anyone on this machine can
 * open, so a post must carry the key-derived form token of the page and, when the browser names
 * an origin, come from this host. (Under Tandem's no-referrer policy browsers send Origin: null
 * for these forms, so the Origin header alone cannot tell.)
 */
final class DemoForms {

    private DemoForms() {
    }

    static boolean fromDemoPage(DemoPlatform demo, URI base, String origin, String formToken) {
        String ours = base.getScheme() + "://" + base.getAuthority();
        boolean sameOrigin = origin == null || origin.equals("null") || origin.equalsIgnoreCase(ours);
        return sameOrigin && formToken != null && MessageDigest.isEqual(demo.formToken().getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8));
    }

    static String tokenField(DemoPlatform demo) {
        return "<input type=\"hidden\" name=\"form_token\" value=\"" + Page.attr(demo.formToken()) + "\">";
    }

    static Response refused(String back) {
        return Page.titled("Demo platform").heading("Form refused")
                .paragraph("This form did not come from the demo platform's page on this host. Nothing was changed.")
                .html("<p><a href=\"" + Page.attr(back) + "\">Back</a></p>").response(403);
    }

    static Response off() {
        return Page.titled("Demo platform").heading("The demo platform is off")
                .paragraph("Set TANDEM_DEMO_ENABLED=true to use it. It is on by default only "
                        + "with the embedded database and no TANDEM_BASE_URL.")
                .response(404);
    }
}
