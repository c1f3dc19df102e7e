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
import java.util.Optional;
import java.util.Set;
import org.tandem.access.control.RoleMapping;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.platform.boundary.Pages;

/** The page a launch lands on: who you are, your role and the course you came from. */
@Path(HomeResource.PATH)
@RequestScoped
public class HomeResource {

    static final String PATH = "app/home";
    static final String TOKEN = "s";

    /** The view of access/boundary/home.jte. {@code role} is the primary role, which decides the page's advice. */
    public record Home(String person, String roles, Optional<String> course, Optional<String> activity, String issuer,
                       TandemRole role, boolean grades, boolean evaluation, boolean roster, String token) {
    }

    @Inject
    LaunchTokens tokens;

    @Inject
    Pages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response home(@QueryParam(TOKEN) String token) {
        LaunchSession session = tokens.require(token);
        Set<TandemRole> roles = session.roles();
        LaunchSession.Tenancy t = session.tenancy();
        boolean staff = roles.contains(TandemRole.TRAINER) || roles.contains(TandemRole.ADMIN);
        return pages.page(200, "access/boundary/home.jte", new Home(session.person().displayName(), tokens.roleNames(session),
                t.contextTitle(), t.resourceLinkTitle(), t.issuer(), RoleMapping.primary(roles), staff,
                roles.contains(TandemRole.EVALUATOR) || roles.contains(TandemRole.ADMIN), staff, token));
    }
}
