/**
 * What evaluation reads: pseudonymous, consented pre and post responses, and the pairs matched
 * from them. No persistence here; the component that stores responses maps them into these.
 */
package org.tandem.evaluation.entity;
