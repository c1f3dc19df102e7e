package org.tandem.lti.launch.boundary;

import jakarta.ws.rs.core.Cookie;
import java.util.Map;

/**
 * The cookie that binds a login state to the browser that started it. The LMS frames Tandem,
 * so the cookie is SameSite=None; Secure, and Partitioned (CHIPS) so browsers that block
 * third-party cookies still keep it for this top-level site.
 */
final class StateCookie {

    static final String PREFIX = "lti_state_";
    static final String PATH = "/lti/launch";

    private StateCookie() {
    }

    static String set(String state, long maxAgeSeconds) {
        return PREFIX + state + "=" + state + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; Secure; SameSite=None; Partitioned";
    }

    static String clear(String state) {
        return PREFIX + state + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned";
    }

    static boolean matches(Map<String, Cookie> cookies, String state) {
        Cookie cookie = cookies.get(PREFIX + state);
        return cookie != null && state.equals(cookie.getValue());
    }
}
