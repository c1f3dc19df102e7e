/**
 * Programme evaluation: matched pre/post analysis, statistics, suppression of small groups; pure
 * logic plus, later, its pages and exports. Knows nothing of LTI.
 */
package org.tandem.evaluation;
