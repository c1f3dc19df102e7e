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
import java.util.Optional;
import org.tandem.learning.control.LearnerProfiles;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.platform.boundary.TandemPage;

/**
 * Asked once per deployment: the learner's professional group (unless the LMS sends it) and
 * consent to use their answers for programme evaluation. Declining changes nothing about the
 * activities; it only keeps the answers out of evaluation.
 */
@Path("learn/profile")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

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
            return page(profile, safeNext(next), groupMissing ? "Please choose your professional group."
                    : "Please choose whether your answers may be used for the programme evaluation.", 400);
        }
        profiles.answer(profile, answeredGroup, answeredConsent);
        return Response.seeOther(URI.create(context.link(safeNext(next)))).build();
    }

    private Response page(LearnerProfile profile, String next, String error, int status) {
        TandemPage page = TandemPage.titled("Before you start").person(context.displayName())
                .heading("Before you start");
        if (error != null) {
            page.html("<div class=\"error\" role=\"alert\" id=\"profile-error\">" + TandemPage.text(error) + "</div>");
        }
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"/learn/profile\">").append(context.tokenField())
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(TandemPage.attr(next)).append("\">");
        if (profile.groupFromLms()) {
            form.append("<p>Your course tells Tandem you take part as a <strong>")
                    .append(TandemPage.text(label(profile.group().orElseThrow()))).append("</strong>.</p>");
        } else {
            String current = profile.group().map(Enum::name).orElse("");
            form.append("<fieldset><legend>Which group do you take part in?</legend>")
                    .append("<p class=\"muted\">Tandem trains managers and clinicians together; role-swap scenarios put you "
                            + "in the other group's seat.</p><div class=\"options\">");
            for (ProfessionalGroup g : ProfessionalGroup.values()) {
                form.append("<label><input type=\"radio\" name=\"group\" required value=\"").append(g.name().toLowerCase())
                        .append("\"").append(current.equals(g.name()) ? " checked" : "").append("> ")
                        .append(TandemPage.text(label(g))).append("</label>");
            }
            form.append("</div></fieldset>");
        }
        String consent = profile.consent().map(c -> c ? "yes" : "no").orElse("");
        form.append("<fieldset><legend>May your answers be used to evaluate this programme?</legend>")
                .append("<p>Programme evaluators compare relationship assessments before and after the programme. They see "
                        + "pseudonymised results only, never your name, and groups smaller than eight are never reported.</p>")
                .append("<p>You can take part fully either way. If you say no, your answers stay out of every evaluation.</p>")
                .append("<div class=\"options\">")
                .append("<label><input type=\"radio\" name=\"consent\" required value=\"yes\"").append("yes".equals(consent) ? " checked" : "")
                .append("> Yes, my answers may be used</label>")
                .append("<label><input type=\"radio\" name=\"consent\" value=\"no\"").append("no".equals(consent) ? " checked" : "")
                .append("> No, keep my answers out of the evaluation</label></div></fieldset>")
                .append("<p><button type=\"submit\">Continue</button></p></form>");
        return page.html(form.toString()).response(status);
    }

    static String label(ProfessionalGroup group) {
        return group.label();
    }

    /** Only Tandem's own learning pages may follow the profile questions (no open redirect). */
    static String safeNext(String next) {
        return next != null && next.matches("/learn[A-Za-z0-9/_.?=&-]*") && !next.contains("//")
                ? next.replaceAll("[?&]s=[^&]*", "") : "/learn";
    }
}
