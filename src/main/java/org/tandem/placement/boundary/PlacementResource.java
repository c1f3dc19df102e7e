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
import java.util.stream.Collectors;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.gradebook.control.GradeColumns;
import org.tandem.gradebook.entity.Course;
import org.tandem.gradebook.entity.GradeColumn;
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
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;

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

    /**
     * The view of placement/boundary/picker.jte. {@code acceptsLinks} false: the place takes no LTI
     * links (then only {@code acceptTypes} and a way back are shown). {@code multiple} picks
     * checkboxes and offers the whole programme.
     */
    public record Picker(String person, String token, String heading, Optional<String> error, boolean acceptsLinks,
                         String acceptTypes, boolean autoCreate, boolean multiple, String packId, int packVersion,
                         List<PackLink> packs, Optional<Option> programme, List<OptionGroup> groups, List<String> placedAlready) {
    }

    /** Another installed content pack to pick from (the current one is not a link). */
    public record PackLink(String id, String title, boolean current) {
    }

    public record OptionGroup(String legend, List<Option> options) {
    }

    public record Option(String id, String key, String title, String text) {
    }

    /** The view of placement/boundary/return.jte: the signed response, posted to the platform by assets/autopost.js. */
    public record Return(String person, String target, String parameter, String jwt, String message) {
    }

    @Inject
    org.tandem.paired.control.PairedCases pairedCases;

    @Inject
    Pages pages;

    @Inject
    LaunchTokens tokens;

    @Inject
    Catalogue catalogue;

    @Inject
    GradeColumns columns;

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
            message = pages.text("placement.nothing");
        } else {
            Set<String> keys = new LinkedHashSet<>(Optional.ofNullable(form.get("item")).orElse(List.of()));
            if (keys.isEmpty()) {
                return page(session, token, settings, offer, pages.text("placement.choose"), 400);
            }
            if (!settings.acceptMultiple() && (keys.size() > 1 || keys.contains(Offer.PROGRAMME))) {
                return page(session, token, settings, offer, pages.text("placement.single"), 400);
            }
            SendMode assessments = SendMode.fromParameter(form.getFirst("assessments")).orElse(SendMode.COMPLETION);
            Offer.VersionPolicy policy = "pinned".equals(form.getFirst("version")) ? Offer.VersionPolicy.PINNED
                    : Offer.VersionPolicy.LATEST;
            try {
                items = offer.items(offer.chosen(keys), assessments, policy);
            } catch (IllegalArgumentException e) {
                return page(session, token, settings, offer, e.getMessage(), 400);
            }
            message = pages.text(items.size() == 1 ? "placement.added.one" : "placement.added", items.size());
        }
        LaunchSession.Tenancy t = session.tenancy();
        String clientId = session.clientId().or(() -> platforms.find(t.platformId()).map(Platform::clientId))
                .orElseThrow(() -> gone("placement.gone.platform"));
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
        String origin = Platform.originOf(target).orElseThrow(() -> gone("placement.gone.address"));
        framing.postsTo(origin);
        return Response.ok(pages.render("placement/boundary/return.jte", new Return(session.person().displayName(), target,
                        DeepLinkingResponse.FORM_PARAMETER, jwt, message)), Pages.HTML)
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response page(LaunchSession session, String token, LtiLaunch.DeepLinkingSettings settings, Offer offer,
                          String error, int status) {
        ContentPack pack = offer.pack();
        boolean multiple = settings.acceptMultiple();
        List<ContentPack> packs = catalogue.latestPacks();
        Optional<Option> programme = multiple ? Optional.of(option(Offer.PROGRAMME, pages.text("placement.programme", pack.title()),
                pages.text("placement.programme.text", offer.ofKind(ActivityKind.MODULE, Optional.empty()).size(),
                        offer.ofKind(ActivityKind.SCENARIO, Optional.empty()).size()))) : Optional.empty();
        List<OptionGroup> groups = java.util.stream.Stream.of(
                        group("placement.pre", offer.ofKind(ActivityKind.ASSESSMENT, Optional.of(Phase.PRE))),
                        group("placement.modules", offer.ofKind(ActivityKind.MODULE, Optional.empty())),
                        group("placement.scenarios", offer.ofKind(ActivityKind.SCENARIO, Optional.empty())),
                        group("placement.paired", offer.ofKind(ActivityKind.PAIRED, Optional.empty())),
                        group("placement.post", offer.ofKind(ActivityKind.ASSESSMENT, Optional.of(Phase.POST))))
                .filter(g -> !g.options().isEmpty()).toList();
        // graded links of these activities the course has opened already: placing them again makes
        // a second set of links and gradebook columns, which trainers rarely mean to do
        Set<String> placed = session.tenancy().contextId().map(context -> columns.inCourse(new Course(
                        session.tenancy().platformId(), session.tenancy().deploymentId(), context)).stream()
                .map(GradeColumn::activityKey).collect(Collectors.toSet())).orElse(Set.of());
        List<String> placedAlready = offer.choices().stream().filter(c -> placed.contains(c.activity().key()))
                .map(Offer.Choice::title).toList();
        return pages.page(settings.acceptsResourceLinks() || error != null ? status : 200, "placement/boundary/picker.jte",
                new Picker(session.person().displayName(), token,
                        settings.title().filter(s -> !s.isBlank()).orElse(pages.text("placement.title")), Optional.ofNullable(error),
                        settings.acceptsResourceLinks(), String.join(", ", settings.acceptTypes()), settings.autoCreate(), multiple,
                        pack.id(), pack.version(), packs.size() > 1 ? packs.stream()
                        .map(p -> new PackLink(p.id(), p.title(), p.id().equals(pack.id()))).toList() : List.of(), programme, groups,
                        placedAlready));
    }

    private OptionGroup group(String legendKey, List<Offer.Choice> choices) {
        return new OptionGroup(pages.text(legendKey), choices.stream().map(c -> option(c.key(), c.title(), c.text())).toList());
    }

    private static Option option(String key, String title, String text) {
        return new Option("item-" + key.replace(':', '-'), key, title, text);
    }

    private LaunchSession trainer(String token) {
        return tokens.requireAny(token, TandemRole.TRAINER, TandemRole.ADMIN);
    }

    private LtiLaunch.DeepLinkingSettings settings(LaunchSession session) {
        if (!MessageType.DEEP_LINKING.claimValue().equals(session.messageType())
                || session.services().deepLinkingJson().isEmpty()) {
            throw new WebApplicationException(pages.message(400, Message.of(pages.text("placement.notDeepLinking.title"),
                    pages.text("placement.notDeepLinking.text")).headed(pages.text("placement.notDeepLinking.heading"))
                    .by(session.person().displayName())));
        }
        return LtiLaunch.DeepLinkingSettings.fromJson(session.services().deepLinkingJson().get());
    }

    private Offer offer(String packId) {
        String id = packId == null || packId.isBlank() ? DEFAULT_PACK : packId;
        return Offer.of(catalogue.latest(id).or(() -> catalogue.latestPacks().stream().findFirst())
                .orElseThrow(() -> gone("placement.gone.pack"))).withPaired(pairedCases.all());
    }

    private WebApplicationException gone(String key) {
        return new WebApplicationException(pages.message(409, Message.of(pages.text("placement.gone.title"), pages.text(key))));
    }
}
