/**
 * Live paired scenarios: a manager and a clinician of a course pair play one case together, each
 * in the other's seat, with proposals, agreement or objection and settlement pushed live to both.
 */
package org.tandem.paired;
