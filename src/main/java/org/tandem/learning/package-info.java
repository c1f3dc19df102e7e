/**
 * Learners' attempts: module progress, scenario play, assessment responses, professional group
 * and consent. Knows nothing of LTI.
 */
package org.tandem.learning;
