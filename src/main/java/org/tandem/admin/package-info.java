/**
 * Administration of Tandem's own domain (content packs, later exports); uses the LTI library's
 * admin credential.
 */
package org.tandem.admin;
