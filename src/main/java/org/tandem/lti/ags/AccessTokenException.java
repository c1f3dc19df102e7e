package org.tandem.lti.ags;

/** The platform's token endpoint did not issue an access token. */
public class AccessTokenException extends AgsException {

    private final String error;

    public AccessTokenException(String message, boolean retryable, int status, String error, Throwable cause) {
        super(message, retryable, status, cause);
        this.error = error;
    }

    /** The OAuth 2.0 {@code error} code (RFC 6749 §5.2) the platform answered, or null. */
    public String error() {
        return error;
    }
}
