package org.tandem.lti;

import java.net.URI;

/**
 * What the application does with a verified launch. Exactly one CDI bean implements it; the
 * library sends the browser to the URI it returns (303 See Other). It runs in the launch's
 * transaction, which the library tries again from the start when it fails at commit because
 * another launch wrote the same rows first: the handler writes in that transaction only.
 */
public interface LaunchHandler {

    /**
     * @param launch  the verified launch
     * @param baseUri this instance's public base URI, ending in '/'
     * @return where the browser goes next, typically a page carrying a launch token
     */
    URI accept(LtiLaunch launch, URI baseUri);
}
