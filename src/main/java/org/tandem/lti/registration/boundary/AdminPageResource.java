package org.tandem.lti.registration.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.QueryString;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.launch.control.CheckLog;
import org.tandem.lti.launch.control.LaunchCheck;
import org.tandem.lti.launch.control.LaunchRecords;
import org.tandem.lti.launch.entity.LaunchRecord;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;
import org.tandem.lti.registration.entity.ToolKey;
import org.tandem.lti.web.Page;

/**
 * The administrators' pages: platform registrations (add, deployments, remove), tool keys and
 * launch diagnostics. HTTP Basic protects them; every form carries a CSRF token and is checked
 * for a same-origin Origin header.
 */
@Path("admin")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class AdminPageResource {

    private static final Logger LOG = Logger.getLogger(AdminPageResource.class.getName());

    @Inject
    AdminCredential credential;

    @Inject
    Platforms platforms;

    @Inject
    LaunchRecords records;

    @Inject
    ToolKeys keys;

    @Inject
    ToolUrls urls;

    @Inject
    @ConfigProperty(name = "tandem.lti.clock-skew", defaultValue = "60")
    int defaultSkew;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Transactional
    public Response overview(@QueryParam("message") String message) {
        guard();
        String csrf = credential.csrfToken();
        Page page = Page.titled("Admin").heading("Tandem administration")
                .html("<nav><a href=\"/admin\">Platforms</a> · <a href=\"/admin/launches\">Launch diagnostics</a> · "
                        + "<a href=\"/lti/config/registration\">Registration values</a></nav>");
        if (message != null && !message.isBlank()) {
            page.html("<p class=\"panel\" role=\"status\">" + Page.text(message) + "</p>");
        }
        page.html("<h2>Registered platforms</h2>");
        List<Platform> all = platforms.all();
        if (all.isEmpty()) {
            page.paragraph("No platform is registered yet. Use dynamic registration from your LMS, the form below, "
                    + "or lti-config/platforms.json.");
        }
        for (Platform p : all) {
            StringBuilder deployments = new StringBuilder();
            p.deployments().forEach(d -> deployments.append("<li><code>").append(Page.text(d.deploymentId())).append("</code>")
                    .append(d.admittedByPolicy() ? " (admitted by policy)" : "").append("</li>"));
            page.html("<section class=\"card\" aria-labelledby=\"platform-" + p.id() + "\"><h3 id=\"platform-" + p.id() + "\">"
                    + Page.text(p.name()) + "</h3><dl>"
                    + "<dt>Issuer</dt><dd><code>" + Page.text(p.issuer()) + "</code></dd>"
                    + "<dt>Client ID</dt><dd><code>" + Page.text(p.clientId()) + "</code></dd>"
                    + "<dt>Login (auth) URL</dt><dd>" + Page.text(p.authLoginUrl()) + "</dd>"
                    + "<dt>Token URL</dt><dd>" + Page.text(p.tokenUrl().orElse("–")) + "</dd>"
                    + "<dt>Keyset (JWKS) URL</dt><dd>" + Page.text(p.jwksUrl()) + "</dd>"
                    + "<dt>New deployments</dt><dd>" + (p.deploymentPolicy() == DeploymentPolicy.STRICT
                    ? "refused unless registered (strict)" : "admitted and recorded") + "</dd>"
                    + "<dt>Clock tolerance</dt><dd>" + p.clockSkew().toSeconds() + " s</dd>"
                    + "<dt>May frame Tandem</dt><dd>" + Page.text(String.join(" ", p.frameOrigins())) + "</dd>"
                    + "<dt>Registered by</dt><dd>" + Page.text(p.source().name().toLowerCase()) + ", " + Page.text(p.createdAt()) + "</dd>"
                    + "<dt>Deployments</dt><dd><ul>" + deployments + "</ul></dd></dl>"
                    + "<p><a href=\"/admin/launches?platform=" + p.id() + "\">Recent launches</a></p>"
                    + "<form method=\"post\" action=\"/admin/deployments\"><input type=\"hidden\" name=\"csrf\" value=\"" + Page.attr(csrf) + "\">"
                    + "<input type=\"hidden\" name=\"platform\" value=\"" + p.id() + "\">"
                    + "<label for=\"dep-" + p.id() + "\">Add a deployment ID</label><input type=\"text\" id=\"dep-" + p.id()
                    + "\" name=\"deployment_id\" required> <button type=\"submit\">Add deployment</button></form>"
                    + "<form method=\"post\" action=\"/admin/remove\"><input type=\"hidden\" name=\"csrf\" value=\"" + Page.attr(csrf) + "\">"
                    + "<input type=\"hidden\" name=\"platform\" value=\"" + p.id() + "\"><p><button type=\"submit\" class=\"secondary\">"
                    + "Remove this platform</button></p></form></section>");
        }
        page.html("<h2>Register a platform</h2>"
                + "<form method=\"post\" action=\"/admin/platforms\"><input type=\"hidden\" name=\"csrf\" value=\"" + Page.attr(csrf) + "\">"
                + field("name", "Name (shown to administrators)", "text", false)
                + field("issuer", "Issuer (iss), e.g. https://moodle.example.nhs.uk", "url", true)
                + field("client_id", "Client ID", "text", true)
                + field("auth_login_url", "Authentication request URL (OIDC auth endpoint)", "url", true)
                + field("token_url", "Access token URL", "url", false)
                + field("jwks_url", "Public keyset URL (JWKS)", "url", true)
                + field("deployment_ids", "Deployment IDs (comma-separated)", "text", false)
                + "<label for=\"deployment_policy\">Deployments not seen before</label><select id=\"deployment_policy\" name=\"deployment_policy\">"
                + "<option value=\"STRICT\">Refuse unless registered (Moodle)</option><option value=\"ADMIT_NEW\">Admit and record (Canvas)</option></select>"
                + "<label for=\"clock_skew_seconds\">Clock tolerance in seconds</label><input type=\"number\" id=\"clock_skew_seconds\" "
                + "name=\"clock_skew_seconds\" min=\"0\" max=\"600\" value=\"" + defaultSkew + "\">"
                + "<p><button type=\"submit\">Register platform</button></p></form>");
        StringBuilder keyRows = new StringBuilder();
        for (ToolKey k : keys.all()) {
            keyRows.append("<tr><td><code>").append(Page.text(k.kid())).append("</code></td><td>").append(Page.text(k.createdAt()))
                    .append("</td><td>").append(k.active() ? "signing" : "retired, published until " + Page.text(k.publishedUntil()))
                    .append("</td></tr>");
        }
        page.html("<h2>Tandem's signing keys</h2><p>Published at <a href=\"/.well-known/jwks.json\">"
                + Page.text(urls.jwks(uriInfo)) + "</a>.</p><table><thead><tr><th scope=\"col\">Key ID</th><th scope=\"col\">Created</th>"
                + "<th scope=\"col\">Status</th></tr></thead><tbody>" + keyRows + "</tbody></table>"
                + "<form method=\"post\" action=\"/admin/rotate\"><input type=\"hidden\" name=\"csrf\" value=\"" + Page.attr(csrf) + "\">"
                + "<button type=\"submit\" class=\"secondary\">Rotate the signing key</button></form>");
        return page.response(200);
    }

    @POST
    @Path("platforms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response register(MultivaluedMap<String, String> form) {
        guardForm(form);
        int skew;
        try {
            skew = Integer.parseInt(Optional.ofNullable(form.getFirst("clock_skew_seconds")).orElse(String.valueOf(defaultSkew)).trim());
        } catch (NumberFormatException e) {
            skew = -1;
        }
        DeploymentPolicy policy = "ADMIT_NEW".equals(form.getFirst("deployment_policy")) ? DeploymentPolicy.ADMIT_NEW : DeploymentPolicy.STRICT;
        String issuer = trim(form.getFirst("issuer"));
        String name = trim(form.getFirst("name"));
        PlatformRegistration registration = new PlatformRegistration(issuer, trim(form.getFirst("client_id")),
                name == null || name.isEmpty() ? issuer : name, trim(form.getFirst("auth_login_url")),
                Optional.ofNullable(trim(form.getFirst("token_url"))).filter(s -> !s.isEmpty()),
                trim(form.getFirst("jwks_url")), policy, Duration.ofSeconds(skew));
        List<String> deployments = Arrays.stream(Optional.ofNullable(form.getFirst("deployment_ids")).orElse("").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Platform p;
        try {
            p = platforms.register(registration, RegistrationSource.ADMIN, deployments);
        } catch (Platforms.InvalidRegistrationException e) {
            return refused("The platform was not registered", e.problems());
        }
        LOG.info(() -> "AUDIT platform registered on the admin page: " + p.issuer() + " client_id " + p.clientId());
        return back("Registered " + p.name() + ".");
    }

    @POST
    @Path("deployments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response addDeployment(MultivaluedMap<String, String> form) {
        guardForm(form);
        Platform p = platform(form);
        String deploymentId = trim(form.getFirst("deployment_id"));
        if (deploymentId == null || deploymentId.isEmpty()) {
            return back("Enter a deployment ID.");
        }
        try {
            platforms.register(p.registration(), p.source(), List.of(deploymentId));
        } catch (Platforms.InvalidRegistrationException e) {
            return refused("The deployment was not added", e.problems());
        }
        LOG.info(() -> "AUDIT deployment " + deploymentId + " added to " + p.issuer() + " on the admin page");
        return back("Deployment " + deploymentId + " added to " + p.name() + ".");
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response remove(MultivaluedMap<String, String> form) {
        guardForm(form);
        Platform p = platform(form);
        String what = p.name() + " (" + p.issuer() + ", client_id " + p.clientId() + ")";
        platforms.delete(p.id());
        LOG.info(() -> "AUDIT platform removed on the admin page: " + what);
        return back("Removed " + what + ".");
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response rotate(MultivaluedMap<String, String> form) {
        guardForm(form);
        ToolKey key = keys.rotate();
        LOG.info(() -> "AUDIT tool key rotated on the admin page: new kid " + key.kid());
        return back("New signing key " + key.kid() + ". The previous key stays published for its grace period.");
    }

    @GET
    @Path("launches")
    @Transactional
    public Response launches(@QueryParam("platform") Long platformId) {
        guard();
        List<LaunchRecord> recent = records.recent(Optional.ofNullable(platformId), 100);
        StringBuilder rows = new StringBuilder();
        for (LaunchRecord r : recent) {
            Map<LaunchCheck, CheckLog.Outcome> checks = CheckLog.decode(r.checks());
            StringBuilder detail = new StringBuilder("<ul>");
            checks.forEach((check, outcome) -> {
                if (outcome != CheckLog.Outcome.NOT_REACHED) {
                    detail.append("<li><span class=\"").append(outcome == CheckLog.Outcome.PASSED ? "ok" : "failed").append("\">")
                            .append(outcome == CheckLog.Outcome.PASSED ? "passed" : "FAILED").append("</span> ")
                            .append(Page.text(check.name())).append(" – ").append(Page.text(check.description())).append("</li>");
                }
            });
            detail.append("</ul>");
            rows.append("<tr><td>").append(r.id()).append("</td><td>").append(Page.text(r.createdAt())).append("</td><td>")
                    .append(r.accepted() ? "<span class=\"ok\">accepted</span>" : "<span class=\"failed\">refused</span>")
                    .append("</td><td>").append(Page.text(r.issuer())).append("<br><span class=\"muted\">client_id ")
                    .append(Page.text(r.clientId())).append(", deployment ").append(Page.text(r.deploymentId())).append("</span></td><td>")
                    .append(Page.text(r.subject())).append("</td><td>")
                    .append(r.failedCheck() == null ? Page.text(r.reason()) : "<strong>" + Page.text(r.failedCheck()) + "</strong>: " + Page.text(r.reason()))
                    .append("<details><summary>All checks</summary>").append(detail).append("</details></td></tr>");
        }
        return Page.titled("Launch diagnostics").heading("Launch diagnostics")
                .html("<nav><a href=\"/admin\">Platforms</a> · <a href=\"/admin/launches\">All launches</a></nav>")
                .paragraph("The last launches" + (platformId == null ? "" : " of platform " + platformId)
                        + ", newest first, with the outcome of every check. Claims of a refused launch are shown as sent, unverified.")
                .html("<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When</th><th scope=\"col\">Outcome</th>"
                        + "<th scope=\"col\">Platform</th><th scope=\"col\">User (sub)</th><th scope=\"col\">Why</th></tr></thead><tbody>"
                        + rows + "</tbody></table>")
                .response(200);
    }

    private static Response refused(String heading, List<String> problems) {
        return Page.titled("Admin").heading(heading)
                .html("<ul>" + problems.stream().map(p -> "<li>" + Page.text(p) + "</li>").reduce("", String::concat) + "</ul>")
                .html("<p><a href=\"/admin\">Back to the admin page</a></p>").response(400);
    }

    private Platform platform(MultivaluedMap<String, String> form) {
        try {
            return platforms.find(Long.parseLong(Optional.ofNullable(form.getFirst("platform")).orElse("")))
                    .orElseThrow(() -> new WebApplicationException(Page.titled("Admin").heading("No such platform")
                            .html("<p><a href=\"/admin\">Back to the admin page</a></p>").response(404)));
        } catch (NumberFormatException e) {
            throw new WebApplicationException(Page.titled("Admin").heading("No such platform").response(400));
        }
    }

    private Response back(String message) {
        // the message names platform-supplied values (a Canvas account name, a deployment id)
        URI to = QueryString.on(uriInfo.getBaseUriBuilder().path("admin").build()).add("message", message).toUri();
        return Response.seeOther(to).build();
    }

    private void guard() {
        AdminCredential.Check check = credential.check(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                servletRequest.getRemoteAddr());
        if (check.outcome() == AdminCredential.Outcome.LOCKED) {
            long seconds = Math.max(1, check.retryAfter().toSeconds());
            throw new WebApplicationException(Response.fromResponse(Page.titled("Admin").heading("Too many failed sign-ins")
                    .paragraph("This address has given a wrong admin password too often. Try again in " + seconds
                            + " seconds; each further failure doubles the wait. Every failure is logged.").response(429))
                    .header("Retry-After", seconds).build());
        }
        if (!check.granted()) {
            throw new WebApplicationException(Response.fromResponse(Page.titled("Admin").heading("Administrator sign-in needed")
                    .paragraph("Sign in as 'admin' with the password set in TANDEM_ADMIN_PASSWORD "
                            + "(if it is not set, the password of this run is in the server log).").response(401))
                    .header("WWW-Authenticate", AdminCredential.CHALLENGE).build());
        }
    }

    /** Forms also need the CSRF token and, when the browser sends one, a same-origin Origin header. */
    private void guardForm(MultivaluedMap<String, String> form) {
        guard();
        String origin = headers.getHeaderString("Origin");
        URI base = urls.base(uriInfo);
        String ours = base.getScheme() + "://" + base.getAuthority();
        if (!credential.validCsrf(form.getFirst("csrf")) || (origin != null && !origin.equals("null") && !origin.equalsIgnoreCase(ours))) {
            LOG.warning(() -> "admin form refused: missing or wrong CSRF token, or foreign origin " + origin);
            throw new WebApplicationException(Page.titled("Admin").heading("Form refused")
                    .paragraph("This form did not come from Tandem's admin page. Nothing was changed.")
                    .html("<p><a href=\"/admin\">Back to the admin page</a></p>").response(403));
        }
    }

    private static String field(String name, String label, String type, boolean required) {
        return "<label for=\"" + name + "\">" + Page.text(label) + "</label><input type=\"" + type + "\" id=\"" + name
                + "\" name=\"" + name + "\"" + (required ? " required" : "") + ">";
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
