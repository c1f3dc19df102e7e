package org.tandem.demo.control;

/**
 * The demo platform refused a message Tandem signed (a deep-linking response or a client
 * assertion). The check names the rule that failed, so a person can see which one.
 */
public class ToolMessageRefused extends Exception {

    /** The checks a platform makes of a tool-signed JWT, in the order it makes them. */
    public enum Check {
        FORMAT, ALGORITHM, KEY, SIGNATURE, ISSUER, SUBJECT, AUDIENCE, AUTHORIZED_PARTY, EXPIRY, ISSUED_AT,
        NONCE, JTI, MESSAGE_TYPE, VERSION, DEPLOYMENT, DATA, CONTENT_ITEMS
    }

    private final Check check;

    public ToolMessageRefused(Check check, String message) {
        super(message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
