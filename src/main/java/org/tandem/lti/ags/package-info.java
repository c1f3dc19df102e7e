/**
 * LTI Assignment and Grade Services 2.0 client: access tokens (client_credentials with a
 * private_key_jwt client assertion, Security Framework §4.1), line items (find or create) and
 * score publishing. Outcomes are typed so the gradebook can tell "retry later" from "give up".
 */
package org.tandem.lti.ags;
