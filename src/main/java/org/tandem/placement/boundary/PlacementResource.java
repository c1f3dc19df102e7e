package org.tandem.placement.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Phase;
import org.tandem.lti.LtiLaunch;
import org.tandem.lti.MessageType;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.deeplinking.DeepLinkingRefusal;
import org.tandem.lti.deeplinking.DeepLinkingResponse;
import org.tandem.lti.deeplinking.ResourceLinkItem;
import org.tandem.lti.registration.control.Platforms;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.placement.control.Offer;
import org.tandem.platform.boundary.Framing;
import org.tandem.platform.boundary.TandemPage;

/**
 * The deep-linking picker. An LtiDeepLinkingRequest from the course editor lands here: the trainer
 * picks modules, scenarios, assessments or a whole programme; Tandem answers with a signed
 * LtiDeepLinkingResponse that the browser posts to the platform's deep_link_return_url, and the
 * platform creates the links and their gradebook columns. Learners cannot open it.
 */
@Path("place")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class PlacementResource {

    private static final Logger LOG = Logger.getLogger(PlacementResource.class.getName());
    static final String DEFAULT_PACK = "starter";

    @Inject
    LaunchTokens tokens;

    @Inject
    Catalogue catalogue;

    @Inject
    ToolKeys toolKeys;

    @Inject
    ToolUrls urls;

    @Inject
    Platforms platforms;

    @Inject
    Framing framing;

    @Context
    UriInfo uriInfo;

    @GET
    @Transactional
    public Response picker(@QueryParam(LaunchTokens.PARAMETER) String token, @QueryParam("pack") String packId) {
        LaunchSession session = trainer(token);
        LtiLaunch.DeepLinkingSettings settings = settings(session);
        return page(session, token, settings, offer(packId), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response place(MultivaluedMap<String, String> form) {
        String token = form.getFirst(LaunchTokens.PARAMETER);
        LaunchSession session = trainer(token);
        LtiLaunch.DeepLinkingSettings settings = settings(session);
        Offer offer = offer(form.getFirst("pack"));
        List<ResourceLinkItem> items;
        String message;
        if ("cancel".equals(form.getFirst("action"))) {
            items = List.of();
            message = "Nothing was added.";
        } else {
            Set<String> keys = new LinkedHashSet<>(Optional.ofNullable(form.get("item")).orElse(List.of()));
            if (keys.isEmpty()) {
                return page(session, token, settings, offer, "Choose at least one activity, or cancel.", 400);
            }
            if (!settings.acceptMultiple() && (keys.size() > 1 || keys.contains(Offer.PROGRAMME))) {
                return page(session, token, settings, offer,
                        "This place in the course takes one activity only: choose one, or add the programme from the "
                                + "course's general \"add activity\" menu.", 400);
            }
            SendMode assessments = SendMode.fromParameter(form.getFirst("assessments")).orElse(SendMode.COMPLETION);
            Offer.VersionPolicy policy = "pinned".equals(form.getFirst("version")) ? Offer.VersionPolicy.PINNED
                    : Offer.VersionPolicy.LATEST;
            try {
                items = offer.items(offer.chosen(keys), assessments, policy);
            } catch (IllegalArgumentException e) {
                return page(session, token, settings, offer, e.getMessage(), 400);
            }
            message = items.size() == 1 ? "Tandem added 1 activity." : "Tandem added " + items.size() + " activities.";
        }
        LaunchSession.Tenancy t = session.tenancy();
        String clientId = session.clientId().or(() -> platforms.find(t.platformId()).map(Platform::clientId))
                .orElseThrow(() -> gone("The platform of this course is no longer registered in Tandem."));
        LtiLaunch.Tenant tenant = new LtiLaunch.Tenant(t.platformId(), t.issuer(), clientId, t.deploymentId());
        String jwt;
        try {
            jwt = DeepLinkingResponse.to(tenant, settings, urls.launch(uriInfo), items).withMessage(message)
                    .sign(toolKeys.signingKey());
        } catch (DeepLinkingRefusal e) {
            return page(session, token, settings, offer, e.getMessage(), 400);
        }
        List<ResourceLinkItem> placed = items;
        LOG.info(() -> "deep linking: " + session.person().subject() + " placed " + placed.size() + " item(s) from pack "
                + offer.pack().id() + " v" + offer.pack().version() + " for " + t.issuer() + " deployment " + t.deploymentId());
        String target = settings.returnUrl();
        String origin = Platform.originOf(target).orElseThrow(() -> gone("The platform's return address is not a web address."));
        framing.postsTo(origin);
        return Response.ok(TandemPage.titled("Returning to your course").person(session.person().displayName())
                        .html("<form id=\"autopost\" method=\"post\" action=\"" + TandemPage.attr(target) + "\">"
                                + "<input type=\"hidden\" name=\"" + DeepLinkingResponse.FORM_PARAMETER + "\" value=\""
                                + TandemPage.attr(jwt) + "\">"
                                + "<p>" + TandemPage.text(message) + " Returning to your course…</p>"
                                + "<noscript><button type=\"submit\">Return to the course</button></noscript></form>")
                        .script("/assets/autopost.js").render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response page(LaunchSession session, String token, LtiLaunch.DeepLinkingSettings settings, Offer offer,
                          String error, int status) {
        ContentPack pack = offer.pack();
        TandemPage page = TandemPage.titled("Add Tandem activities").person(session.person().displayName())
                .heading(settings.title().filter(s -> !s.isBlank()).orElse("Add Tandem activities"));
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\" id=\"form-error\">" + TandemPage.text(error) + "</div>");
        }
        if (!settings.acceptsResourceLinks()) {
            return page.paragraph("This place in the course does not take LTI links (it accepts "
                            + String.join(", ", settings.acceptTypes()) + "), and every Tandem activity is one. Add Tandem "
                            + "from the course's activity menu instead.")
                    .html(cancelForm(token, pack)).response(error == null ? 200 : status);
        }
        boolean multiple = settings.acceptMultiple();
        page.paragraph("Choose what to add to the course. Each activity becomes a course link with its own gradebook column.")
                .html("<p class=\"muted\">" + TandemPage.text(settings.autoCreate()
                        ? "Your LMS adds them as soon as you confirm here."
                        : "Your LMS shows them once more before adding them.") + (multiple ? ""
                        : " This place takes a single activity.") + "</p>");
        List<ContentPack> packs = catalogue.latestPacks();
        if (packs.size() > 1) {
            StringBuilder others = new StringBuilder("<p>Content packs: ");
            for (ContentPack p : packs) {
                others.append(p.id().equals(pack.id()) ? "<strong>" + TandemPage.text(p.title()) + "</strong>"
                        : "<a href=\"/place?" + LaunchTokens.PARAMETER + "=" + TandemPage.attr(token) + "&amp;pack="
                        + TandemPage.attr(p.id()) + "\">" + TandemPage.text(p.title()) + "</a>").append(" ");
            }
            page.html(others.append("</p>").toString());
        }
        String type = multiple ? "checkbox" : "radio";
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"/place\" id=\"placement\">")
                .append(field(token)).append("<input type=\"hidden\" name=\"pack\" value=\"").append(TandemPage.attr(pack.id()))
                .append("\">");
        if (multiple) {
            form.append("<fieldset><legend>The whole programme</legend>").append(option(type, Offer.PROGRAMME,
                    "Programme: " + pack.title(), "In teaching order: the assessment before the programme, "
                            + offer.ofKind(ActivityKind.MODULE, Optional.empty()).size() + " joint modules, "
                            + offer.ofKind(ActivityKind.SCENARIO, Optional.empty()).size()
                            + " role-swap scenarios, the assessment after it."))
                    .append("</fieldset>");
        }
        form.append(group("Assessments before the programme", type, offer.ofKind(ActivityKind.ASSESSMENT, Optional.of(Phase.PRE))))
                .append(group("Joint modules", type, offer.ofKind(ActivityKind.MODULE, Optional.empty())))
                .append(group("Role-swap scenarios", type, offer.ofKind(ActivityKind.SCENARIO, Optional.empty())))
                .append(group("Assessments after the programme", type, offer.ofKind(ActivityKind.ASSESSMENT, Optional.of(Phase.POST))))
                .append("<fieldset><legend>Assessments send to the gradebook</legend>")
                .append("<label><input type=\"radio\" name=\"assessments\" value=\"completion\" checked> Completion only "
                        + "(recommended: a measure of attitudes that earns credit gets gamed; evaluators see the answers)</label>")
                .append("<label><input type=\"radio\" name=\"assessments\" value=\"score\"> The assessment's score</label>")
                .append("</fieldset><fieldset><legend>When a newer version of this content is installed</legend>")
                .append("<label><input type=\"radio\" name=\"version\" value=\"latest\" checked> New attempts use the newest "
                        + "version (attempts already started keep theirs)</label>")
                .append("<label><input type=\"radio\" name=\"version\" value=\"pinned\"> Keep version ").append(pack.version())
                .append(" for this course</label></fieldset>")
                .append("<p><button type=\"submit\" id=\"add\">Add to the course</button> ")
                .append("<button type=\"submit\" name=\"action\" value=\"cancel\" class=\"secondary\" formnovalidate>Cancel</button></p>")
                .append("</form>");
        return page.html(form.toString()).response(status);
    }

    private static String group(String legend, String type, List<Offer.Choice> choices) {
        if (choices.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<fieldset><legend>").append(TandemPage.text(legend)).append("</legend>");
        choices.forEach(c -> html.append(option(type, c.key(), c.title(), c.text())));
        return html.append("</fieldset>").toString();
    }

    private static String option(String type, String key, String title, String text) {
        String id = "item-" + key.replace(':', '-');
        return "<div class=\"choice\"><input type=\"" + type + "\" name=\"item\" id=\"" + TandemPage.attr(id) + "\" value=\""
                + TandemPage.attr(key) + "\"> <label for=\"" + TandemPage.attr(id) + "\"><strong>" + TandemPage.text(title)
                + "</strong><br><span class=\"muted\">" + TandemPage.text(text) + "</span></label></div>";
    }

    private static String cancelForm(String token, ContentPack pack) {
        return "<form method=\"post\" action=\"/place\">" + field(token) + "<input type=\"hidden\" name=\"pack\" value=\""
                + TandemPage.attr(pack.id()) + "\"><p><button type=\"submit\" name=\"action\" value=\"cancel\">"
                + "Return to the course</button></p></form>";
    }

    private static String field(String token) {
        return "<input type=\"hidden\" name=\"" + LaunchTokens.PARAMETER + "\" value=\"" + TandemPage.attr(token) + "\">";
    }

    private LaunchSession trainer(String token) {
        return tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
    }

    private static LtiLaunch.DeepLinkingSettings settings(LaunchSession session) {
        if (!MessageType.DEEP_LINKING.claimValue().equals(session.messageType())
                || session.services().deepLinkingJson().isEmpty()) {
            throw new WebApplicationException(TandemPage.titled("Not a placement").person(session.person().displayName())
                    .heading("Open this from the course editor")
                    .paragraph("Tandem adds activities when the LMS asks it to (deep linking): in the course, turn editing on "
                            + "and add an activity or resource with Tandem. This launch was an ordinary course link.")
                    .response(400));
        }
        return LtiLaunch.DeepLinkingSettings.fromJson(session.services().deepLinkingJson().get());
    }

    private Offer offer(String packId) {
        String id = packId == null || packId.isBlank() ? DEFAULT_PACK : packId;
        return Offer.of(catalogue.latest(id).or(() -> catalogue.latestPacks().stream().findFirst())
                .orElseThrow(() -> gone("No content pack is installed in Tandem yet.")));
    }

    private static WebApplicationException gone(String message) {
        return new WebApplicationException(TandemPage.titled("Cannot add activities").heading("Cannot add activities")
                .paragraph(message).response(409));
    }
}
