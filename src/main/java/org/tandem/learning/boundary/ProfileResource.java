package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tandem.learning.control.LearnerProfiles;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.Pages;

/**
 * Asked once per deployment: the learner's professional group (unless the LMS sends it) and
 * consent to use their answers for programme evaluation. Declining changes nothing about the
 * activities; it only keeps the answers out of evaluation.
 */
@Path("learn/profile")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

    /**
     * The view of learning/boundary/profile.jte. {@code lmsGroup} is the group the LMS sent (then it
     * is not asked); {@code consent} is "yes", "no" or "" for not answered yet.
     */
    public record Profile(String person, String token, String next, Optional<String> error, Optional<String> lmsGroup,
                          List<GroupChoice> groups, String consent) {
    }

    public record GroupChoice(String value, String label, boolean checked) {
    }

    @Inject
    Pages pages;

    @Inject
    LearnerContext context;

    @Inject
    LearnerProfiles profiles;

    @GET
    @Transactional
    public Response form(@QueryParam(LearnerContext.TOKEN) String token, @QueryParam("next") String next) {
        context.require(token);
        LearnerProfile profile = profiles.forLaunch(context.learner(), context.groupFromLaunch());
        return page(profile, safeNext(next), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response answer(@FormParam(LearnerContext.TOKEN) String token, @FormParam("group") String group,
                           @FormParam("consent") String consent, @FormParam("next") String next) {
        context.require(token);
        LearnerProfile profile = profiles.forLaunch(context.learner(), context.groupFromLaunch());
        Optional<ProfessionalGroup> answeredGroup = ProfessionalGroup.fromParameter(group);
        Optional<Boolean> answeredConsent = "yes".equals(consent) ? Optional.of(true)
                : "no".equals(consent) ? Optional.of(false) : Optional.empty();
        boolean groupMissing = !profile.groupFromLms() && answeredGroup.isEmpty();
        if (groupMissing || answeredConsent.isEmpty()) {
            return page(profile, safeNext(next), pages.text(groupMissing ? "profile.missing.group" : "profile.missing.consent"), 400);
        }
        profiles.answer(profile, answeredGroup, answeredConsent);
        return Response.seeOther(URI.create(context.link(safeNext(next)))).build();
    }

    private Response page(LearnerProfile profile, String next, String error, int status) {
        String current = profile.group().map(Enum::name).orElse("");
        List<GroupChoice> groups = Arrays.stream(ProfessionalGroup.values())
                .map(g -> new GroupChoice(g.name().toLowerCase(Locale.ROOT), pages.text("group." + g.name()), current.equals(g.name())))
                .toList();
        Optional<String> lmsGroup = profile.groupFromLms()
                ? Optional.of(pages.text("group." + profile.group().orElseThrow().name())) : Optional.empty();
        return pages.page(status, "learning/boundary/profile.jte", new Profile(context.displayName(), context.token(), next,
                Optional.ofNullable(error), lmsGroup, groups, profile.consent().map(c -> c ? "yes" : "no").orElse("")));
    }

    /** Only Tandem's own learning pages may follow the profile questions (no open redirect). */
    static String safeNext(String next) {
        return next != null && next.matches("/learn[A-Za-z0-9/_.?=&-]*") && !next.contains("//")
                ? next.replaceAll("[?&]s=[^&]*", "") : "/learn";
    }
}
