package org.tandem.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;

/**
 * Security headers on every response: scripts only from Tandem, never inline; no referrer,
 * because page URLs carry launch tokens. The policy set here is for pages that belong to no
 * platform: only Tandem may frame them. Pages of a launch session get their platform's policy
 * from {@link PageFramePolicy}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

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

    /** Origins as they follow a keyword in a policy: each with a leading space. */
    static String listed(Collection<String> origins) {
        return origins.isEmpty() ? "" : " " + String.join(" ", origins);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The OIDC login and launch steps and dynamic registration run before Tandem knows which
        // page of the LMS frames it (a first launch from a hosted Canvas domain, an LMS not yet
        // registered); they show nothing worth clickjacking.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // (The demo platform's own launch steps stand in for an LMS's, which are framed the same way.)
        String ancestors = path.startsWith("/lti/login") || path.startsWith("/lti/launch") || path.startsWith("/lti/register")
                || path.startsWith("/demo/launch") || path.startsWith("/demo/auth") ? "*" : "'self'";
        // the demo course page frames Tandem from another loopback name, like an LMS on another site
        String frames = path.startsWith("/demo") ? "'self' http://localhost:* http://127.0.0.1:*" : "'self'";
        response.setHeader(POLICY, policy("", frames, ancestors));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }
}
