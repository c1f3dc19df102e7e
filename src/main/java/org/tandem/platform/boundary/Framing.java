package org.tandem.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What the page being answered says about who may frame it: the platform whose launch session
 * it belongs to, or that it shows nothing anyone could be tricked into clicking. Boundaries
 * record it while they work; {@link PageFramePolicy} turns it into the Content-Security-Policy of
 * the response.
 */
@RequestScoped
public class Framing {

    private Long platformId;
    private boolean anyone;
    private String formTarget;

    /** The page belongs to a launch session of this platform: only its origins may frame it. */
    public void platform(long platformId) {
        this.platformId = platformId;
    }

    /**
     * The page shows a message and nothing to act on (the ended-session page that appears inside
     * the LMS's frame), so any site may frame it.
     */
    public void anyone() {
        this.anyone = true;
    }

    /** The page posts a form to this origin (a deep-linking response to the platform's return URL). */
    public void postsTo(String origin) {
        this.formTarget = origin;
    }

    Optional<Long> platform() {
        return Optional.ofNullable(platformId);
    }

    boolean byAnyone() {
        return anyone;
    }

    Optional<String> formTarget() {
        return Optional.ofNullable(formTarget);
    }
}
