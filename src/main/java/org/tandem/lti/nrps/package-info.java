/**
 * LTI Names and Role Provisioning Services 2.0 client: reads a context's membership container
 * page by page ({@code Link: rel="next"}) with a client_credentials access token, and returns it
 * only when every page was read and understood.
 */
package org.tandem.lti.nrps;
