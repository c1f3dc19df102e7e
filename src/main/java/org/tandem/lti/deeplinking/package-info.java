/**
 * Deep Linking 2.0: turns a trainer's choice, made during an LtiDeepLinkingRequest launch, into the
 * signed LtiDeepLinkingResponse the platform turns into links (and gradebook columns).
 */
package org.tandem.lti.deeplinking;
