package org.tandem.lti.nrps;

/**
 * The membership could not be read completely. The message says what went wrong and what an
 * administrator can do about it; {@link #retryable()} tells whether trying again later can help.
 */
public class NrpsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, for callers that treat them differently. */
    public enum Failure {
        /** The token endpoint did not accept Tandem's client assertion (key, JWKS URL or client_id). */
        TOKEN_REFUSED,
        /** The platform does not let Tandem read the membership (NRPS not enabled, scope not granted). */
        NOT_PERMITTED,
        /** No answer: connection refused, time-out. */
        UNREACHABLE,
        /** The platform answered with an error status. */
        PLATFORM_ERROR,
        /** A page was not a membership container Tandem can read. */
        MALFORMED,
        /** The pages did not end (more than Tandem reads, or a link back to a page already read). */
        ENDLESS_PAGES
    }

    private final Failure failure;
    private final boolean retryable;
    private final int status;

    public NrpsException(Failure failure, String message, boolean retryable, int status, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.retryable = retryable;
        this.status = status;
    }

    public Failure failure() {
        return failure;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The platform's HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
