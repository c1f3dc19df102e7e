package org.tandem.lti.ags;

import java.net.URI;
import java.util.Objects;

/** Where and as whom Tandem asks a platform for access tokens: its token URL and Tandem's client_id there. */
public record TokenEndpoint(URI url, String clientId) {

    public TokenEndpoint {
        Objects.requireNonNull(url, "token URL");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client_id is required");
        }
    }
}
