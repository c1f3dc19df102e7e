package org.tandem.lti.launch.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import org.tandem.lti.QueryString;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.launch.control.CheckLog;
import org.tandem.lti.launch.control.LaunchCheck;
import org.tandem.lti.launch.control.LaunchRecords;
import org.tandem.lti.launch.control.LoginStates;
import org.tandem.lti.launch.entity.LoginRequest;
import org.tandem.lti.launch.entity.LoginState;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.web.Page;

/**
 * OIDC third-party initiated login (Security Framework §5.1.1, LTI Core §4.1). Moodle starts
 * with a POST, Canvas and others with a GET; both lead to the platform's authorization endpoint
 * with a fresh state and nonce.
 */
@Path("lti/login")
@RequestScoped
public class LoginInitiationResource {

    private static final Logger LOG = Logger.getLogger(LoginInitiationResource.class.getName());

    @Inject
    Platforms platforms;

    @Inject
    LoginStates states;

    @Inject
    LaunchRecords records;

    @Inject
    ToolUrls urls;

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response initiateByGet() {
        return initiate(request(uriInfo.getQueryParameters()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response initiateByPost(MultivaluedMap<String, String> form) {
        return initiate(request(form));
    }

    private Response initiate(LoginRequest request) {
        var missing = request.missing();
        if (!missing.isEmpty()) {
            LOG.warning(() -> "LTI login refused: missing " + missing);
            return Page.titled("Launch could not start")
                    .heading("This launch could not start")
                    .paragraph("The learning platform started a login without " + String.join(", ", missing) + ".")
                    .paragraph("For the administrator: this address is Tandem's OIDC login initiation URL; "
                            + "the platform must send iss, login_hint and target_link_uri (LTI 1.3).")
                    .response(400);
        }
        var tooLong = request.tooLong();
        if (!tooLong.isEmpty()) {
            LOG.warning(() -> "LTI login refused: " + String.join("; ", tooLong));
            return Page.titled("Launch could not start")
                    .heading("This launch could not start")
                    .paragraph("The learning platform started a login with values longer than Tandem accepts: "
                            + String.join("; ", tooLong) + ".")
                    .paragraph("For the administrator: these values come from the platform's launch; if the platform "
                            + "really sends them this long, report it to Tandem's developers.")
                    .response(400);
        }
        Platforms.LoginLookup lookup = platforms.forLogin(request.issuer(), request.clientId().orElse(null));
        if (lookup.platform().isEmpty()) {
            CheckLog log = new CheckLog();
            log.failed(LaunchCheck.PLATFORM);
            records.record(new LaunchRecords.Attempt().platform(null, request.issuer(), request.clientId().orElse(null))
                    .launch(request.deploymentId().orElse(null), null, null), log, false, LaunchCheck.PLATFORM, lookup.problem());
            LOG.warning(() -> "LTI login refused [PLATFORM] " + lookup.problem());
            return LaunchPages.rejected(LaunchCheck.PLATFORM, lookup.problem(), lookup.hint(), Optional.empty());
        }
        Platform platform = lookup.platform().get();
        if (!urls.ours(request.targetLinkUri(), uriInfo)) {
            LOG.warning(() -> "LTI login refused: target_link_uri " + request.targetLinkUri() + " is not on this tool");
            return LaunchPages.rejected(LaunchCheck.PLATFORM,
                    "the launch asked for " + request.targetLinkUri() + ", which is not an address of this Tandem",
                    "the tool's target link URI in the platform must be " + urls.launch(uriInfo)
                            + " (set TANDEM_BASE_URL when Tandem runs behind a proxy)", Optional.empty());
        }
        LoginState state;
        try {
            state = states.begin(platform.id(), request);
        } catch (LoginStates.TooManyLogins e) {
            LOG.warning(() -> "LTI login refused for " + platform.issuer() + " (client_id " + platform.clientId() + "): "
                    + e.getMessage() + " (tandem.lti.login-states-per-platform); a flood of login requests?");
            return Response.fromResponse(Page.titled("Launch could not start")
                    .heading("Tandem is busy")
                    .paragraph("Too many launches from your learning platform are under way at once. Please try again "
                            + "in a minute.")
                    .response(503)).header("Retry-After", 60).build();
        }
        // Security Framework §5.1.1.2: login_hint and lti_message_hint go back exactly as the
        // platform sent them (Moodle's message hint is JSON, Canvas's a JWT)
        URI authRequest = QueryString.on(platform.authLoginUrl())
                .add("scope", "openid")
                .add("response_type", "id_token")
                .add("response_mode", "form_post")
                .add("prompt", "none")
                .add("client_id", platform.clientId())
                .add("redirect_uri", urls.launch(uriInfo))
                .add("login_hint", request.loginHint())
                .add("state", state.state())
                .add("nonce", state.nonce())
                .add("lti_message_hint", request.ltiMessageHint())
                .toUri();
        String cookie = StateCookie.set(state.state(), states.lifetimeSeconds());
        if (request.storageTarget().isPresent()) {
            // LTI Client Side postMessages / Platform Storage: the page stores the state in the
            // platform's frame, then continues to the authorization endpoint.
            Page page = Page.titled("Starting Tandem")
                    .heading("Starting Tandem…")
                    .html("<div id=\"lti-storage\" data-mode=\"put\" data-target=\"" + Page.attr(request.storageTarget().get())
                            + "\" data-origin=\"" + Page.attr(platform.origin()) + "\" data-state=\"" + Page.attr(state.state())
                            + "\" data-nonce=\"" + Page.attr(state.nonce()) + "\" data-next=\"" + Page.attr(authRequest) + "\"></div>")
                    .html("<p id=\"lti-storage-status\" role=\"status\"></p>")
                    .html("<noscript><p><a href=\"" + Page.attr(authRequest) + "\">Continue to the launch</a></p></noscript>")
                    .script("/lti/assets/lti-storage.js");
            return Response.fromResponse(page.response(200)).header("Set-Cookie", cookie).build();
        }
        return Response.status(Response.Status.FOUND).location(authRequest).header("Set-Cookie", cookie)
                .header("Cache-Control", "no-store").build();
    }

    private static LoginRequest request(MultivaluedMap<String, String> p) {
        Optional<String> deployment = opt(p, "lti_deployment_id").or(() -> opt(p, "deployment_id"));
        return new LoginRequest(p.getFirst("iss"), p.getFirst("login_hint"), p.getFirst("target_link_uri"),
                opt(p, "lti_message_hint"), opt(p, "client_id"), deployment, opt(p, "lti_storage_target"));
    }

    private static Optional<String> opt(MultivaluedMap<String, String> p, String name) {
        return Optional.ofNullable(p.getFirst(name)).filter(s -> !s.isBlank());
    }
}
