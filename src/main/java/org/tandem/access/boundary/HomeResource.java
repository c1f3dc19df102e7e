package org.tandem.access.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.stream.Collectors;
import org.tandem.access.control.RoleMapping;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.lti.web.Page;

/** The page a launch lands on: who you are, your role and the course you came from. */
@Path(HomeResource.PATH)
@RequestScoped
public class HomeResource {

    static final String PATH = "app/home";
    static final String TOKEN = "s";

    @Inject
    LaunchTokens tokens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response home(@QueryParam(TOKEN) String token) {
        LaunchSession session = tokens.require(token);
        Set<TandemRole> roles = session.roles();
        TandemRole primary = RoleMapping.primary(roles);
        LaunchSession.Tenancy t = session.tenancy();
        String roleList = roles.stream().map(TandemRole::label).collect(Collectors.joining(", "));
        return Page.titled("Welcome")
                .heading("Welcome, " + session.person().displayName())
                .html("<div class=\"panel\"><dl>"
                        + "<dt>You are</dt><dd id=\"who\">" + Page.text(session.person().displayName()) + "</dd>"
                        + "<dt>Your role in Tandem</dt><dd id=\"role\">" + Page.text(roleList) + "</dd>"
                        + "<dt>Course</dt><dd id=\"course\">" + Page.text(t.contextTitle().orElse("(the platform did not name a course)")) + "</dd>"
                        + t.resourceLinkTitle().map(title -> "<dt>Activity</dt><dd id=\"activity\">" + Page.text(title) + "</dd>").orElse("")
                        + "<dt>Learning platform</dt><dd>" + Page.text(t.issuer()) + "</dd>"
                        + "</dl></div>")
                .html("<h2>What you can do here</h2>")
                .paragraph(whatNext(primary))
                .html(roles.contains(TandemRole.TRAINER) || roles.contains(TandemRole.ADMIN)
                        ? "<p><a class=\"button\" id=\"grades\" href=\"/grades?" + TOKEN + "=" + Page.attr(token)
                        + "\">Grades and sync</a></p>" : "")
                .html((roles.contains(TandemRole.EVALUATOR) || roles.contains(TandemRole.ADMIN)
                        ? "<p><a class=\"button\" id=\"evaluation\" href=\"/evaluate?" + TOKEN + "=" + Page.attr(token)
                        + "\">Open the programme evaluation</a></p>" : "")
                        + (roles.contains(TandemRole.TRAINER) || roles.contains(TandemRole.ADMIN)
                        ? "<p><a class=\"button\" id=\"roster\" href=\"/roster?" + TOKEN + "=" + Page.attr(token)
                        + "\">Roster and pairs</a></p>" : "")
                        + "<p><a class=\"button" + (primary == TandemRole.LEARNER ? "" : " secondary") + "\" id=\"activities\" href=\"/learn/activities?"
                        + TOKEN + "=" + Page.attr(token) + "\">" + (primary == TandemRole.LEARNER ? "Open your activities"
                        : "Preview the learners' activities") + "</a></p>")
                .response(200);
    }

    private static String whatNext(TandemRole role) {
        return switch (role) {
            case LEARNER -> "Your joint training modules, role-swap scenarios and relationship assessments will open here "
                    + "when your trainer places them in the course.";
            case TRAINER -> "As a trainer you will place modules, scenarios and pre/post assessments into this course, "
                    + "pair managers with clinicians and follow their progress and grade sync.";
            case EVALUATOR -> "As an evaluator you will compare matched pre and post assessment results for this programme, "
                    + "with pseudonymised data only.";
            case ADMIN -> "As an administrator you can manage platform registrations and launch diagnostics on Tandem's admin page.";
        };
    }
}
