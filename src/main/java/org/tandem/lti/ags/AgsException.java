package org.tandem.lti.ags;

/**
 * A call to a platform's AGS or token endpoint that did not succeed. {@link #retryable()} tells
 * the caller whether trying again later can help (platform down, slow, overloaded) or not
 * (the platform refused the request as it stands).
 */
public class AgsException extends Exception {

    private final boolean retryable;
    private final int status;

    public AgsException(String message, boolean retryable, int status, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The platform's HTTP status, or 0 when no answer came (I/O error, timeout). */
    public int status() {
        return status;
    }

    /** 408, 429 and 5xx are the platform's "not now"; other 4xx will fail the same way again. */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The platform's answer, shortened so a log line or trainer view stays readable. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 500 ? flat : flat.substring(0, 500) + "…";
    }
}
