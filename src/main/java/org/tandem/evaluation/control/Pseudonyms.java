package org.tandem.evaluation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonyms evaluators see instead of learners: HMAC-SHA256 of the platform, the deployment
 * and the LMS user id (subject) under a key only this installation holds, shortened to
 * {@code p-} and 12 hex digits. The same learner keeps the same pseudonym in every export of one
 * deployment, but is a different pseudonym in another deployment, so exports of two tenants
 * cannot be joined; without the key a pseudonym cannot be traced back to a subject (trying every
 * subject needs the key too).
 * <p>
 * 48 bits make an accidental collision negligible at programme sizes (about 1 in 5 million for
 * 10,000 learners).
 * <p>
 * Stable pseudonyms join exports; that is what they are for, and also how a withheld group could
 * be given back: an earlier export that still showed a learner's group, joined by pseudonym to a
 * later one where that group is withheld, names the group of every withheld row. So an export
 * that withholds any group uses {@link #forOneExport one-export pseudonyms} instead ({@code x-}
 * and 12 hex digits), made under a key drawn for that export and never kept.
 */
@ApplicationScoped
public class Pseudonyms {

    private static final Logger LOG = Logger.getLogger(Pseudonyms.class.getName());
    static final String KEY_NAME = "pseudonym-key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_DIGITS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Secrets secrets;

    private volatile byte[] key;

    public Pseudonyms() {
    }

    /** For tests outside a container: the key from (or made in) this store. */
    public Pseudonyms(Secrets secrets) {
        this.secrets = secrets;
    }

    /** For tests: a fixed key. */
    public Pseudonyms(byte[] key) {
        this.key = key.clone();
    }

    /**
     * Pseudonyms valid in one export only: HMAC-SHA256 of the stable pseudonym under {@code key},
     * shortened to {@code x-} and 12 hex digits. With a key drawn for the export and then forgotten,
     * they join neither with any other export nor with each other across exports.
     */
    public static UnaryOperator<String> forOneExport(byte[] key) {
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        return pseudonym -> "x-" + HexFormat.of().formatHex(mac.doFinal(pseudonym.getBytes(StandardCharsets.UTF_8)))
                .substring(0, HEX_DIGITS);
    }

    /** A fresh key for {@link #forOneExport}: 32 random bytes. */
    public static byte[] oneExportKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Pseudonyms within one deployment. */
    public InDeployment in(long platformId, String deploymentId) {
        return new InDeployment(key(), platformId, deploymentId);
    }

    /** One subject's pseudonym in a deployment. */
    public String of(long platformId, String deploymentId, String subject) {
        return in(platformId, deploymentId).of(subject);
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = Base64.getDecoder().decode(secrets.find(KEY_NAME).orElseGet(this::createKey));
                }
                k = key;
            }
        }
        return k;
    }

    private String createKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getEncoder().encodeToString(bytes);
        try {
            secrets.create(KEY_NAME, value);
            LOG.info("created this installation's pseudonym key");
            return value;
        } catch (RuntimeException e) {
            // another node made it first: use theirs, or every node would pseudonymise differently
            return secrets.find(KEY_NAME).orElseThrow(() -> e);
        }
    }

    /** The pseudonyms of one deployment; keeps one MAC, so use it from one thread. */
    public static final class InDeployment {

        private final Mac mac;
        private final byte[] tenant;

        InDeployment(byte[] key, long platformId, String deploymentId) {
            Objects.requireNonNull(deploymentId, "deploymentId");
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
            // length-prefixed fields: no two (platform, deployment, subject) give the same input
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            field(out, "tandem-pseudonym-v1");
            field(out, Long.toString(platformId));
            field(out, deploymentId);
            tenant = out.toByteArray();
        }

        public String of(String subject) {
            Objects.requireNonNull(subject, "subject");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            field(out, subject);
            mac.update(tenant);
            byte[] digest = mac.doFinal(out.toByteArray());
            return "p-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        }

        private static void field(ByteArrayOutputStream out, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.writeBytes(bytes);
        }
    }
}
