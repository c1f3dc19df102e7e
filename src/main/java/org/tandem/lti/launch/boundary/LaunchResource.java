package org.tandem.lti.launch.boundary;

import com.nimbusds.jwt.JWTParser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.tandem.lti.LaunchHandler;
import org.tandem.lti.LtiClaims;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.QueryString;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.launch.control.CheckLog;
import org.tandem.lti.launch.control.IdTokenVerifier;
import org.tandem.lti.launch.control.LaunchCheck;
import org.tandem.lti.launch.control.LaunchRecords;
import org.tandem.lti.launch.control.LaunchRejection;
import org.tandem.lti.launch.control.LaunchTransaction;
import org.tandem.lti.launch.control.LoginStates;
import org.tandem.lti.launch.entity.LoginRequest;
import org.tandem.lti.launch.entity.LoginState;
import org.tandem.lti.registration.control.PlatformKeySets;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.web.Page;

/**
 * The redirect URI: receives the platform's authentication response (id_token and state, or an
 * OIDC error) and runs every check before the application sees an {@link LtiLaunch}. A rejected
 * launch writes its diagnostics record and nothing else.
 */
@Path("lti/launch")
@RequestScoped
public class LaunchResource {

    private static final Logger LOG = Logger.getLogger(LaunchResource.class.getName());
    /** Errors that mean "the platform could not see its own session in this frame" (OIDC Core §3.1.2.6). */
    private static final Set<String> SESSION_ERRORS = Set.of("login_required", "interaction_required",
            "consent_required", "account_selection_required");

    @Inject
    Platforms platforms;

    @Inject
    LoginStates states;

    @Inject
    LaunchRecords records;

    @Inject
    PlatformKeySets keySets;

    @Inject
    ToolUrls urls;

    @Inject
    Instance<LaunchHandler> handler;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @Inject
    LaunchTransaction transaction;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response launch(MultivaluedMap<String, String> form) {
        return transaction.run(() -> launchOnce(form));
    }

    /** One try of the launch, in a transaction of its own (see {@link LaunchTransaction}). */
    private Response launchOnce(MultivaluedMap<String, String> form) {
        String stateParam = form.getFirst("state");
        Optional<LoginState> state = states.find(stateParam);
        if (form.getFirst("error") != null) {
            return oidcError(form.getFirst("error"), form.getFirst("error_description"), state);
        }
        String idToken = form.getFirst("id_token");
        // what the token says is read unverified only if the launch is rejected: an accepted launch's
        // record takes it from the verified token, so the happy path parses the JWT once
        LaunchRecords.Attempt attempt = new LaunchRecords.Attempt();
        CheckLog log = new CheckLog();
        try {
            // Security Framework §5.1.1.3 / §7.3.1: state must come from a login this tool started
            LoginState login = state.orElseThrow(() -> rejection(log, LaunchCheck.STATE,
                    stateParam == null ? "the launch carried no state" : "the launch's state was not issued by this Tandem",
                    "launches must start at Tandem's login initiation URL " + urls.login(uriInfo)));
            Platform platform = platforms.forLaunch(login.platformId()).orElseThrow(() -> rejection(log, LaunchCheck.PLATFORM,
                    "the platform this login started for is no longer registered", "register the platform again"));
            attempt.platform(platform.id(), platform.issuer(), platform.clientId());
            log.passed(LaunchCheck.PLATFORM);
            if (login.consumed()) {
                throw rejection(log, LaunchCheck.NONCE, "this launch was already used; a state and nonce are single-use",
                        "a replayed or double-submitted launch; open the activity again from the course");
            }
            if (login.expired(states.now())) {
                throw rejection(log, LaunchCheck.STATE, "the login started too long ago and has expired",
                        "the platform took longer than tandem.lti.state-lifetime between login and launch");
            }
            log.passed(LaunchCheck.STATE);

            if (!StateCookie.matches(headers.getCookies(), login.state())) {
                if (login.storageTarget().isPresent()) {
                    if (form.getFirst("lti_storage_state") == null) {
                        return storageCheck(form, login, platform);
                    }
                    // The page read the value back from the platform's storage in this browser.
                    if (!login.state().equals(form.getFirst("lti_storage_state"))) {
                        throw rejection(log, LaunchCheck.STATE_BINDING, "the state stored in the platform for this browser does not match",
                                "the launch was not started in this browser");
                    }
                } else {
                    log.failed(LaunchCheck.STATE_BINDING);
                    String reason = "this browser did not return the state cookie and the platform offers no storage";
                    recordRejection(peek(idToken, attempt), log, LaunchCheck.STATE_BINDING, reason);
                    return LaunchPages.newWindow(401, "Open Tandem in a new window",
                            "Your browser blocks the cookie Tandem needs inside the course page, so Tandem cannot "
                                    + "confirm this launch came from you.", Optional.of(relaunch(login, platform)));
                }
            }
            log.passed(LaunchCheck.STATE_BINDING);

            LtiLaunch launch = new IdTokenVerifier(keySets, Clock.systemUTC())
                    .verify(idToken, platform.id(), platform.registration(), login.nonce(), log);
            String deploymentId = launch.tenant().deploymentId();
            Platforms.DeploymentDecision decision = platforms.decide(platform, deploymentId);
            if (!decision.allowed()) {
                throw rejection(log, LaunchCheck.DEPLOYMENT,
                        "deployment " + deploymentId + " of " + platform.issuer() + " is not registered",
                        "add deployment id " + deploymentId + " to the registration of " + platform.name()
                                + " (client_id " + platform.clientId() + "), or set its deployment policy to ADMIT_NEW");
            }
            log.passed(LaunchCheck.DEPLOYMENT);
            // Security Framework §5.1.3 step 9: the nonce is used once — atomically, across instances
            if (!states.consume(login.state())) {
                throw rejection(log, LaunchCheck.NONCE, "this launch was already used; a state and nonce are single-use",
                        "a replayed or double-submitted launch");
            }
            if (decision == Platforms.DeploymentDecision.ADMITTED_NEW) {
                platforms.admit(platform, deploymentId);
                LOG.info(() -> "LTI deployment " + deploymentId + " of " + platform.issuer() + " admitted by policy ADMIT_NEW");
            }
            // The platform signed this return URL: its origin is where the LMS shows its pages (hosted
            // Canvas serves courses from the institution's domain, not from its auth domain).
            launch.presentation().flatMap(LtiLaunch.Presentation::returnUrl).ifPresent(url -> {
                if (platforms.allowFrameOrigin(platform, url)) {
                    LOG.info(() -> "LTI platform " + platform.issuer() + " may now frame Tandem from " + Platform.originOf(url).orElse(url));
                }
            });
            records.accepted(attempt.launch(str(deploymentId), launch.messageType().claimValue(), str(launch.user().subject())), log,
                    log.notes().isEmpty() ? null : String.join("; ", log.notes()));
            URI next = handler.get().accept(launch, urls.base(uriInfo));
            return Response.seeOther(next).header("Set-Cookie", StateCookie.clear(login.state()))
                    .header("Cache-Control", "no-store").build();
        } catch (LaunchRejection r) {
            Long recordId = recordRejection(peek(idToken, attempt), log, r.check(), r.getMessage());
            return LaunchPages.rejected(r.check(), r.getMessage(), r.adminHint(), Optional.of(recordId));
        }
    }

    private Response oidcError(String error, String description, Optional<LoginState> state) {
        LOG.warning(() -> "LTI launch: platform returned OIDC error " + error + (description == null ? "" : " (" + description + ")"));
        LaunchRecords.Attempt attempt = new LaunchRecords.Attempt();
        state.flatMap(s -> platforms.find(s.platformId())).ifPresent(p -> attempt.platform(p.id(), p.issuer(), p.clientId()));
        records.record(attempt, new CheckLog(), false, null, "the platform answered the login with OIDC error '" + error + "'"
                + (description == null ? "" : ": " + description));
        Optional<URI> relaunch = state.flatMap(s -> platforms.find(s.platformId()).map(p -> relaunch(s, p)));
        if (SESSION_ERRORS.contains(error)) {
            return LaunchPages.newWindow(401, "Open Tandem in a new window",
                    "Your learning platform could not confirm who you are inside the course page (it answered '"
                            + error + "'). This happens when the browser blocks the platform's own cookies in frames.",
                    relaunch);
        }
        return LaunchPages.newWindow(400, "The launch was cancelled",
                "Your learning platform answered the login with the error '" + error + "'"
                        + (description == null ? "" : ": " + description) + ".", relaunch);
    }

    /** The page that reads the state back from the platform's storage, then posts the launch again. */
    private Response storageCheck(MultivaluedMap<String, String> form, LoginState login, Platform platform) {
        return Page.titled("Checking your launch")
                .heading("Checking your launch…")
                .html("<form id=\"lti-storage\" method=\"post\" action=\"" + Page.attr(urls.launch(uriInfo)) + "\""
                        + " data-mode=\"get\" data-target=\"" + Page.attr(login.storageTarget().orElse("_parent"))
                        + "\" data-origin=\"" + Page.attr(platform.origin()) + "\" data-state=\"" + Page.attr(login.state())
                        + "\" data-relaunch=\"" + Page.attr(relaunch(login, platform)) + "\">"
                        + "<input type=\"hidden\" name=\"id_token\" value=\"" + Page.attr(form.getFirst("id_token")) + "\">"
                        + "<input type=\"hidden\" name=\"state\" value=\"" + Page.attr(login.state()) + "\">"
                        + "<input type=\"hidden\" name=\"lti_storage_state\" value=\"\"></form>")
                .html("<p id=\"lti-storage-status\" role=\"status\"></p>")
                .script("/lti/assets/lti-storage.js")
                .response(200);
    }

    /** The same login again, for a new window (a first-party context where cookies work). */
    private URI relaunch(LoginState login, Platform platform) {
        LoginRequest r = login.request(platform.issuer(), platform.clientId());
        // the platform's opaque values travel byte for byte, as in the first login
        return QueryString.on(urls.login(uriInfo))
                .add("iss", r.issuer())
                .add("login_hint", r.loginHint())
                .add("target_link_uri", r.targetLinkUri())
                .add("client_id", platform.clientId())
                .add("lti_message_hint", r.ltiMessageHint())
                .add("lti_deployment_id", r.deploymentId())
                .toUri();
    }

    private Long recordRejection(LaunchRecords.Attempt attempt, CheckLog log, LaunchCheck check, String reason) {
        LOG.warning(() -> "LTI launch rejected [" + check + "] " + attempt.describe() + ": " + reason);
        return records.record(attempt, log, false, check, reason).id();
    }

    private static LaunchRejection rejection(CheckLog log, LaunchCheck check, String message, String hint) {
        log.failed(check);
        return new LaunchRejection(check, message, hint);
    }

    /**
     * Reads deployment, message type and subject from the token WITHOUT trusting them, so the
     * diagnostics of a rejected launch can say which deployment and person it was about.
     */
    private static LaunchRecords.Attempt peek(String idToken, LaunchRecords.Attempt attempt) {
        if (idToken == null) {
            return attempt;
        }
        try {
            Map<String, Object> claims = JWTParser.parse(idToken).getJWTClaimsSet().getClaims();
            return attempt.launch(str(claims.get(LtiClaims.DEPLOYMENT_ID)), str(claims.get(LtiClaims.MESSAGE_TYPE)),
                    str(claims.get("sub")));
        } catch (java.text.ParseException | RuntimeException e) {
            return attempt;
        }
    }

    private static String str(Object o) {
        return o instanceof String s ? (s.length() > 255 ? s.substring(0, 255) : s) : null;
    }
}
