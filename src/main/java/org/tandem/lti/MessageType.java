package org.tandem.lti;

import java.util.Arrays;
import java.util.Optional;

/** The LTI message types this tool accepts (LTI Core 1.3 §5.1, Deep Linking 2.0 §4.4). */
public enum MessageType {
    RESOURCE_LINK("LtiResourceLinkRequest"),
    DEEP_LINKING("LtiDeepLinkingRequest");

    private final String claimValue;

    MessageType(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<MessageType> fromClaim(String value) {
        return Arrays.stream(values()).filter(t -> t.claimValue.equals(value)).findFirst();
    }
}
