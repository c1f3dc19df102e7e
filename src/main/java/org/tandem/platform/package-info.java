/**
 * Plumbing only: database and migrations at start-up, security headers, error pages, health.
 * Knows no training and no LTI protocol details.
 */
package org.tandem.platform;
