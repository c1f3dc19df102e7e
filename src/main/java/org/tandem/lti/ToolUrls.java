package org.tandem.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tandem's own public URLs. Production sets {@code TANDEM_BASE_URL} (the https address the LMS
 * reaches); without it, a local run takes the base from each request.
 */
@ApplicationScoped
public class ToolUrls {

    public static final String LOGIN = "lti/login";
    public static final String LAUNCH = "lti/launch";
    public static final String JWKS = ".well-known/jwks.json";
    public static final String REGISTER = "lti/register";
    public static final String CANVAS_CONFIG = "lti/config/canvas.json";

    @Inject
    @ConfigProperty(name = "tandem.base-url")
    Optional<String> configuredBase;

    public ToolUrls() {
    }

    public ToolUrls(Optional<String> configuredBase) {
        this.configuredBase = configuredBase;
    }

    /** The base URI, always ending in '/'. */
    public URI base(UriInfo request) {
        Optional<String> configured = configuredBase.filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            String s = configured.get().trim();
            return URI.create(s.endsWith("/") ? s : s + "/");
        }
        URI base = request.getBaseUri();
        String s = base.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    public boolean configured() {
        return configuredBase.filter(s -> !s.isBlank()).isPresent();
    }

    public URI login(UriInfo request) {
        return base(request).resolve(LOGIN);
    }

    public URI launch(UriInfo request) {
        return base(request).resolve(LAUNCH);
    }

    public URI jwks(UriInfo request) {
        return base(request).resolve(JWKS);
    }

    public URI register(UriInfo request) {
        return base(request).resolve(REGISTER);
    }

    /** Whether a URL points at this tool (same scheme, host and port): guards against open redirects. */
    public boolean ours(String url, UriInfo request) {
        try {
            URI uri = URI.create(url);
            URI base = base(request);
            return base.getScheme().equalsIgnoreCase(uri.getScheme())
                    && base.getHost() != null && base.getHost().equalsIgnoreCase(uri.getHost())
                    && port(base) == port(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
