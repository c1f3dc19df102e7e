package org.tandem.lti.registration.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.control.DynamicRegistration;
import org.tandem.lti.registration.control.DynamicRegistration.Outcome;
import org.tandem.lti.registration.control.DynamicRegistration.RegistrationFailure;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.web.Page;

/**
 * Tandem's LTI Dynamic Registration 1.0 URL. The LMS opens it (in a frame or a new window) with
 * {@code openid_configuration} and {@code registration_token}; Tandem registers itself and shows
 * the administrator what was stored, with a button that hands control back to the LMS.
 */
@Path(ToolUrls.REGISTER)
@RequestScoped
public class DynamicRegistrationResource {

    private static final Logger LOG = Logger.getLogger(DynamicRegistrationResource.class.getName());
    static final String CLOSE_SCRIPT = "/lti/assets/registration-close.js";

    @Inject
    DynamicRegistration registration;

    @Inject
    Platforms platforms;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    /** When set, the registration URL must carry ?code=<this>, so only LMS admins given it can register. */
    @Inject
    @ConfigProperty(name = "tandem.lti.registration-code")
    Optional<String> registrationCode;

    /**
     * A production Tandem (TANDEM_BASE_URL set) without a registration code registers nobody,
     * unless its administrator opens registration deliberately: the URL is public, and every
     * registration makes Tandem fetch from the URLs the caller names.
     */
    @Inject
    @ConfigProperty(name = "tandem.lti.registration-open", defaultValue = "false")
    boolean registrationOpen;

    /*
     * The platform calls happen inside the transaction, before anything is written: the JTA
     * transaction holds no database connection until the first write, and the registration is
     * stored only once the platform has confirmed it.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response register(@QueryParam("openid_configuration") String openidConfiguration,
                             @QueryParam("registration_token") String registrationToken,
                             @QueryParam("code") String code) {
        if (openidConfiguration == null || openidConfiguration.isBlank()) {
            LOG.info("Dynamic registration: opened without openid_configuration, explained the URL");
            return notFromLms();
        }
        Optional<String> required = registrationCode.filter(c -> !c.isBlank());
        if (required.isEmpty() && urls.configured() && !registrationOpen) {
            LOG.warning(() -> "Dynamic registration refused: no registration code is set (TANDEM_LTI_REGISTRATION_CODE) "
                    + "and registration is not opened (TANDEM_LTI_REGISTRATION_OPEN); openid_configuration " + openidConfiguration);
            return failed(403, "this Tandem does not accept dynamic registrations until its administrator sets a registration code",
                    "ask Tandem's administrator to set TANDEM_LTI_REGISTRATION_CODE and give you the registration URL "
                            + "with ?code=…, or register Tandem by hand with the values on "
                            + urls.base(uriInfo).resolve(ToolConfigurationResource.REGISTRATION_SHEET));
        }
        if (required.isPresent() && (code == null || !MessageDigest.isEqual(required.get().getBytes(StandardCharsets.UTF_8),
                code.getBytes(StandardCharsets.UTF_8)))) {
            LOG.warning(() -> "Dynamic registration refused: missing or wrong registration code (openid_configuration "
                    + openidConfiguration + ")");
            return failed(403, "this Tandem accepts dynamic registrations only with its registration code",
                    "ask Tandem's administrator for the registration URL including ?code=…, and give the LMS that URL");
        }
        Outcome outcome;
        try {
            outcome = registration.register(openidConfiguration, Optional.ofNullable(registrationToken),
                    urls.base(uriInfo));
        } catch (RegistrationFailure e) {
            LOG.warning(() -> "Dynamic registration failed [" + e.kind() + "] " + e.getMessage()
                    + (e.answer().isEmpty() ? "" : "; the platform answered: " + e.answer()));
            return failed(e.kind().status(), e.getMessage(), e.hint());
        }
        Platform platform;
        try {
            platform = platforms.register(outcome.registration(), RegistrationSource.DYNAMIC, outcome.deploymentIds());
        } catch (Platforms.InvalidRegistrationException e) {
            LOG.warning(() -> "Dynamic registration refused: " + e.getMessage());
            return failed(400, "the platform's values are not a valid registration: " + e.getMessage(),
                    "the LMS has created the registration on its side; delete it there, and register Tandem by hand "
                            + "with the values on " + urls.base(uriInfo).resolve(ToolConfigurationResource.REGISTRATION_SHEET));
        }
        LOG.info(() -> "Dynamic registration: registered " + platform.name() + " (issuer " + platform.issuer()
                + ", client_id " + platform.clientId() + ", deployments " + outcome.deploymentIds()
                + ", " + outcome.productFamilyCode() + outcome.productVersion().map(v -> " " + v).orElse("")
                + ", policy " + platform.deploymentPolicy() + ")");
        return registered(outcome, platform);
    }

    private Response registered(Outcome outcome, Platform platform) {
        String deployments = outcome.deploymentIds().isEmpty()
                ? (platform.deploymentPolicy() == DeploymentPolicy.ADMIT_NEW
                ? "none yet: the platform creates one when Tandem is installed, and Tandem accepts it at the first launch"
                : "none sent by the platform")
                : String.join(", ", outcome.deploymentIds());
        Page page = Page.titled("Tandem registered")
                .heading("Tandem is registered with " + platform.name())
                .html("<dl>"
                        + "<dt>Platform</dt><dd>" + Page.text(platform.name()) + "</dd>"
                        + "<dt>Issuer</dt><dd><code>" + Page.text(platform.issuer()) + "</code></dd>"
                        + "<dt>Client ID</dt><dd><code>" + Page.text(platform.clientId()) + "</code></dd>"
                        + "<dt>Deployment ID</dt><dd>" + Page.text(deployments) + "</dd>"
                        + "</dl>");
        if (outcome.awaitsActivation()) {
            page.html("<div class=\"panel\" role=\"note\"><h2>One more step in Moodle</h2>"
                    + "<p><strong>Moodle adds Tandem as a pending tool. A Moodle site administrator must now activate it:</strong> "
                    + "Site administration › Plugins › Activity modules › External tool › Manage tools, "
                    + "find Tandem among the pending tools and choose Activate. Until then, teachers cannot add it to courses.</p></div>");
        } else if (platform.deploymentPolicy() == DeploymentPolicy.ADMIT_NEW) {
            page.html("<div class=\"panel\" role=\"note\"><h2>Next, in Canvas</h2>"
                    + "<p>Canvas shows the registration next: review it, then turn the key on and install Tandem "
                    + "in the account or course where it should appear.</p></div>");
        }
        if (!outcome.notes().isEmpty()) {
            StringBuilder notes = new StringBuilder("<h2>Please note</h2><ul>");
            outcome.notes().forEach(n -> notes.append("<li>").append(Page.text(n)).append("</li>"));
            page.html(notes.append("</ul>").toString());
        }
        return withClose(page).response(200);
    }

    private Response failed(int status, String message, String hint) {
        Page page = Page.titled("Registration failed")
                .heading("Tandem could not register with the learning platform")
                .html("<p>" + Page.text(capitalised(message)) + ".</p>")
                .html("<h2>What to do</h2>")
                .html("<p>" + Page.text(capitalised(hint)) + ".</p>")
                .html("<p>Nothing was stored in Tandem. If the LMS already lists Tandem as a new tool, delete that "
                        + "entry before you try again.</p>");
        return withClose(page).response(status);
    }

    private Response notFromLms() {
        String register = urls.register(uriInfo).toString();
        return Page.titled("Dynamic registration")
                .heading("This address is for your learning platform")
                .html("<p>This is Tandem's LTI Dynamic Registration URL. It is meant to be opened by the LMS, "
                        + "which adds the <code>openid_configuration</code> and <code>registration_token</code> "
                        + "parameters; opened directly, it cannot register anything.</p>")
                .html("<p>Give the LMS this URL: <code>" + Page.text(register) + "</code></p>")
                .html("<ul>"
                        + "<li>Moodle 4.1 or later: Site administration › Plugins › Activity modules › External tool › "
                        + "Manage tools, paste it into <em>Tool URL</em> and choose <em>Add LTI Advantage</em>.</li>"
                        + "<li>Canvas: Admin › Developer Keys › + Developer Key › + LTI Registration, and paste it there.</li>"
                        + "</ul>")
                .html("<p>To register Tandem by hand instead, see <a href=\""
                        + Page.attr(urls.base(uriInfo).resolve(ToolConfigurationResource.REGISTRATION_SHEET)) + "\">the values to enter in the LMS</a>.</p>")
                .response(400);
    }

    private static Page withClose(Page page) {
        return page.html("<p><button type=\"button\" id=\"registration-close\">Close</button></p>")
                .html("<p id=\"registration-close-status\" role=\"status\"></p>")
                .script(CLOSE_SCRIPT);
    }

    private static String capitalised(String s) {
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
}
