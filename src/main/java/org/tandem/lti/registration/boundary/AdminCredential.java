package org.tandem.lti.registration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The administrator credential (HTTP Basic user "admin", or a Bearer token, with the password
 * from {@code TANDEM_ADMIN_PASSWORD}). Without one configured, a random password is generated at
 * start and written to the log once, so a local run is never open.
 */
@ApplicationScoped
public class AdminCredential {

    private static final Logger LOG = Logger.getLogger(AdminCredential.class.getName());
    static final String USER = "admin";

    @Inject
    @ConfigProperty(name = "tandem.admin.password")
    Optional<String> configured;

    private byte[] password;

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

    public boolean permits(HttpHeaders headers) {
        String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth == null) {
            return false;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return same(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 && USER.equals(decoded.substring(0, colon))
                        && same(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
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

    private boolean same(byte[] given) {
        return MessageDigest.isEqual(password, given);
    }
}
