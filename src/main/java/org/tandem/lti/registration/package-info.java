/**
 * Who may launch Tandem: platforms (issuer + client_id), their deployments, Tandem's own signing
 * keys (JWKS), the platforms' cached keys, and the three ways to register (admin API, LTI Dynamic
 * Registration 1.0, a file in lti-config/).
 */
package org.tandem.lti.registration;
