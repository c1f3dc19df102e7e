/**
 * The analysis: matching, paired comparisons, reliability, group differences, the then-test, the
 * outlook cross-tabulation, suppression of small groups and plain-language readings, assembled
 * into an {@link org.tandem.evaluation.control.EvaluationReport}. Pure and immutable; the
 * distributions and tests are Apache Commons Statistics'. Beside it, the only ways evaluation
 * touches the database: the responses of a scope ({@link org.tandem.evaluation.control.ProgrammeResponses}),
 * the pseudonym key ({@link org.tandem.evaluation.control.Pseudonyms}) and the audit trail
 * ({@link org.tandem.evaluation.control.AuditLog}).
 */
package org.tandem.evaluation.control;
