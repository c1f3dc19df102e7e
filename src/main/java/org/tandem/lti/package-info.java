/**
 * Tandem's LTI 1.3 / LTI Advantage tool-provider library. It knows nothing of training: its
 * public face is one immutable {@link org.tandem.lti.LtiLaunch} handed to a {@link org.tandem.lti.LaunchHandler}.
 * Only this package touches JOSE (Nimbus) and LTI claim URIs.
 */
package org.tandem.lti;
