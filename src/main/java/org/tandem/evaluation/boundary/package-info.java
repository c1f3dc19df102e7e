/**
 * The evaluation for evaluators: the page with its tables, charts and readings, and the CSV and
 * JSON exports, opened from a launch with the evaluator or administrator role and always scoped
 * to that launch's platform and deployment.
 */
package org.tandem.evaluation.boundary;
