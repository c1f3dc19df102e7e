/**
 * The LTI 1.3 launch: OIDC login initiation (state, nonce, browser binding by Partitioned cookie
 * or platform storage), id_token validation per the 1EdTech Security Framework, launch diagnostics.
 */
package org.tandem.lti.launch;
