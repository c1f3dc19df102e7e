/**
 * The analysis: matching, paired comparisons, reliability, group differences, the then-test, the
 * outlook cross-tabulation, suppression of small groups and plain-language readings, assembled
 * into an {@link org.tandem.evaluation.control.EvaluationReport}. Pure and immutable; the
 * distributions and tests are Apache Commons Statistics'.
 */
package org.tandem.evaluation.control;
