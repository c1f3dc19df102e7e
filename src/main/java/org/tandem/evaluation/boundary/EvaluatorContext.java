package org.tandem.evaluation.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import org.tandem.access.boundary.LaunchTokens;
import org.tandem.access.entity.LaunchSession;
import org.tandem.access.entity.TandemRole;
import org.tandem.evaluation.control.EvaluationScope;
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;

/**
 * The evaluator behind an evaluation page, from the launch token the page carries. Only a launch
 * with the Evaluator or Administrator role gets further: an unknown or expired token ends here
 * with a 401 page, anyone else (learners, trainers) with a 403 page. The data an evaluator sees is
 * always their launch's platform and deployment, and for the course view its course.
 */
@RequestScoped
public class EvaluatorContext {

    public static final String TOKEN = LaunchTokens.PARAMETER;

    @Inject
    LaunchTokens tokens;

    @Inject
    Pages pages;

    private LaunchSession session;
    private String token;

    public EvaluatorContext require(String launchToken) {
        LaunchSession launched = tokens.require(launchToken);
        if (!launched.has(TandemRole.EVALUATOR) && !launched.has(TandemRole.ADMIN)) {
            throw new WebApplicationException(pages.message(403, Message.of(pages.text("evaluation.refused.title"),
                    pages.text("evaluation.refused.text")).headed(pages.text("evaluation.refused.heading"))
                    .by(launched.person().displayName())));
        }
        this.session = launched;
        this.token = launchToken;
        return this;
    }

    public String token() {
        return token;
    }

    public String displayName() {
        return session.person().displayName();
    }

    public long platformId() {
        return session.tenancy().platformId();
    }

    public String deploymentId() {
        return session.tenancy().deploymentId();
    }

    /** The LMS subject of the evaluator: only ever turned into a pseudonym (for the audit trail). */
    public String subject() {
        return session.person().subject();
    }

    public Optional<String> contextId() {
        return session.tenancy().contextId();
    }

    public Optional<String> contextTitle() {
        return session.tenancy().contextTitle();
    }

    /**
     * The scope asked for, within the launch's tenant: "programme" for every course of the
     * deployment, otherwise the launch's course (or the programme when the launch names none).
     */
    public EvaluationScope scope(String asked) {
        Optional<String> context = contextId();
        if ("programme".equals(asked) || context.isEmpty()) {
            return EvaluationScope.programme(platformId(), deploymentId());
        }
        return EvaluationScope.course(platformId(), deploymentId(), context.get());
    }
}
