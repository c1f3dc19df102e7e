package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The person behind a learning page, from the launch token the page carries (pages cannot rely
 * on a session cookie inside the LMS frame). An unknown or expired token ends here with a 401 page.
 * Forms carry the token back in a hidden field (platform/boundary/token.jte); it doubles as the CSRF token.
 */
@RequestScoped
public class LearnerContext {

    public static final String TOKEN = LaunchTokens.PARAMETER;

    @Inject
    LaunchTokens tokens;

    private LaunchSession session;
    private String token;

    public LearnerContext require(String launchToken) {
        this.session = tokens.require(launchToken);
        this.token = launchToken;
        return this;
    }

    public Learner learner() {
        LaunchSession.Tenancy t = session.tenancy();
        return new Learner(t.platformId(), t.deploymentId(), t.contextId().orElse(""), session.person().subject());
    }

    public String token() {
        return token;
    }

    public String displayName() {
        return session.person().displayName();
    }

    public Map<String, String> custom() {
        return session.custom();
    }

    public Optional<String> customValue(String name) {
        return Optional.ofNullable(custom().get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The professional group the LMS sends (custom parameter tandem_group), if any. */
    public Optional<ProfessionalGroup> groupFromLaunch() {
        return customValue("tandem_group").flatMap(ProfessionalGroup::fromParameter);
    }

    public LaunchSession session() {
        return session;
    }

    /** A URL path with the launch token appended. */
    public String link(String path) {
        return path + (path.contains("?") ? "&" : "?") + TOKEN + "=" + token;
    }
}
