package org.tandem.lti.deeplinking;

/**
 * A deep-linking response the platform asked not to receive. Pages should consult the launch's
 * deep-linking settings before offering a choice, so reaching this is a bug in the caller.
 */
public class DeepLinkingRefusal extends RuntimeException {

    public enum Reason {
        /** The launch is not an LtiDeepLinkingRequest (or lacks its settings claim). */
        NOT_A_DEEP_LINKING_REQUEST,
        /** accept_types does not list ltiResourceLink. */
        RESOURCE_LINK_NOT_ACCEPTED,
        /** Several items, but accept_multiple is false. */
        MULTIPLE_ITEMS_NOT_ACCEPTED
    }

    private final Reason reason;

    public DeepLinkingRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
