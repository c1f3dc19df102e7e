package org.tandem.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tandem.lti.registration.control.Platforms;

/**
 * Security headers on every response. Tandem is framed by the LMS, so frame-ancestors lists the
 * registered platforms' origins (and Tandem itself, for the demo platform); scripts only from
 * Tandem, never inline; no referrer, because page URLs carry launch tokens.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SecurityHeaders.class.getName());

    @Inject
    Platforms platforms;

    public static final String POLICY = "Content-Security-Policy";

    /**
     * The policy: {@code formTargets} are the origins (space-separated, with a leading space) forms
     * may post to besides Tandem, {@code frames} what Tandem may frame, {@code ancestors} who may frame it.
     */
    public static String policy(String formTargets, String frames, String ancestors) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'" + formTargets
                + "; frame-src " + frames + "; frame-ancestors " + ancestors;
    }

    /**
     * The policy of a page that posts a form to a platform URL (a deep-linking response to its
     * return URL): that URL's origin is added to form-action, which otherwise lists the registered
     * platforms only. The page is framed like every page of Tandem's.
     */
    public static String policyPostingTo(java.util.Set<String> registeredOrigins, String targetOrigin) {
        java.util.Set<String> targets = new java.util.TreeSet<>(registeredOrigins);
        targets.add(targetOrigin);
        String listed = " " + String.join(" ", targets);
        String ancestors = "'self'" + (registeredOrigins.isEmpty() ? "" : " " + String.join(" ", registeredOrigins));
        return policy(listed, "'self'", ancestors);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origins = "";
        try {
            Set<String> registered = platforms.origins();
            origins = registered.isEmpty() ? "" : " " + String.join(" ", registered);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read platform origins for frame-ancestors; only 'self' may frame Tandem", e);
        }
        // The OIDC login and launch steps and dynamic registration run before Tandem knows which
        // page of the LMS frames it (a first launch from a hosted Canvas domain, an LMS not yet
        // registered); they show nothing worth clickjacking.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // (The demo platform's own launch steps stand in for an LMS's, which are framed the same way.)
        String ancestors = path.startsWith("/lti/login") || path.startsWith("/lti/launch") || path.startsWith("/lti/register")
                || path.startsWith("/demo/launch") || path.startsWith("/demo/auth") ? "*" : "'self'" + origins;
        // the demo course page frames Tandem from another loopback name, like an LMS on another site
        String frames = path.startsWith("/demo") ? "'self' http://localhost:* http://127.0.0.1:*" : "'self'";
        response.setHeader(POLICY, policy(origins, frames, ancestors));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }
}
