package org.tandem.lti.registration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.registration.control.SignInThrottle;

/**
 * The administrator credential: HTTP Basic, user "admin", the password from
 * {@code TANDEM_ADMIN_PASSWORD}. Without one configured, a random password is generated at start
 * and written to the log once, so a local run is never open. Failed sign-ins are throttled per
 * client address and logged ({@link SignInThrottle}).
 *
 * <p>Hand-written rather than Jakarta Security: one user, one realm, and what matters here (the
 * throttle, the failure log with the address, a JSON or HTML answer by path) would be ours to
 * write in an IdentityStore anyway, next to role mappings the server needs for a single user.
 */
@ApplicationScoped
public class AdminCredential {

    private static final Logger LOG = Logger.getLogger(AdminCredential.class.getName());
    static final String USER = "admin";
    static final String CHALLENGE = "Basic realm=\"Tandem admin\", charset=\"UTF-8\"";

    @Inject
    @ConfigProperty(name = "tandem.admin.password")
    Optional<String> configured;

    private byte[] password;
    private final SignInThrottle throttle = new SignInThrottle(Clock.systemUTC());

    /** What a request's credential is worth. */
    public enum Outcome { GRANTED, REFUSED, LOCKED }

    /** @param retryAfter how long a locked-out address waits (zero unless LOCKED) */
    public record Check(Outcome outcome, Duration retryAfter) {
        public boolean granted() {
            return outcome == Outcome.GRANTED;
        }
    }

    @PostConstruct
    void init() {
        String pw = configured.filter(s -> !s.isBlank()).orElse(null);
        if (pw == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            pw = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String shown = pw;
            LOG.warning(() -> "TANDEM_ADMIN_PASSWORD is not set: the admin password for this run is " + shown
                    + " (user 'admin'). Set TANDEM_ADMIN_PASSWORD for a stable credential.");
        }
        password = pw.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the Authorization header of a request from {@code clientAddress}. No header is no
     * attempt (a browser's first request); any other credential than the admin's Basic one is a
     * failure, Bearer tokens included: the password is never a token.
     */
    public Check check(String authorization, String clientAddress) {
        Optional<Duration> locked = throttle.lockedFor(clientAddress);
        if (locked.isPresent()) {
            return new Check(Outcome.LOCKED, locked.get());
        }
        if (authorization == null || authorization.isBlank()) {
            return new Check(Outcome.REFUSED, Duration.ZERO);
        }
        if (basic(authorization)) {
            throttle.succeeded(clientAddress);
            return new Check(Outcome.GRANTED, Duration.ZERO);
        }
        throttle.failed(clientAddress);
        return new Check(Outcome.REFUSED, Duration.ZERO);
    }

    private boolean basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && USER.equals(decoded.substring(0, colon))
                    && MessageDigest.isEqual(password, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A CSRF token for admin forms: only someone who knows the password can compute it. */
    public String csrfToken() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("tandem-admin-form".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean validCsrf(String token) {
        return token != null && MessageDigest.isEqual(csrfToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
