package org.tandem.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.lti.registration.control.Platforms;

/**
 * The Content-Security-Policy of a page that belongs to a platform's launch session: that
 * platform's origins may frame it, and its forms may post to them, and no other platform's. A
 * policy built from every registered platform would let one tenant's LMS frame another tenant's
 * pages. Pages that record nothing in {@link Framing} keep the policy {@link SecurityHeaders}
 * set.
 */
@Provider
public class PageFramePolicy implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(PageFramePolicy.class.getName());

    @Inject
    Framing framing;

    @Inject
    Platforms platforms;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (framing.platform().isEmpty() && !framing.byAnyone()) {
            return;
        }
        Set<String> origins = Set.of();
        try {
            origins = framing.platform().map(platforms::frameOrigins).orElse(Set.of());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the platform's origins for frame-ancestors; only Tandem may frame this page", e);
        }
        Set<String> targets = new TreeSet<>(origins);
        framing.formTarget().ifPresent(targets::add);
        String ancestors = framing.byAnyone() ? "*" : "'self'" + SecurityHeaders.listed(origins);
        response.getHeaders().putSingle(SecurityHeaders.POLICY, SecurityHeaders.policy(SecurityHeaders.listed(targets),
                "'self'", ancestors));
    }
}
