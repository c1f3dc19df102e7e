/**
 * The evaluation for evaluators: the page (key results, forest plot, tables, then the detail; view
 * records drawn by src/main/jte/evaluation/boundary) and the CSV, JSON, free-text and R downloads,
 * opened from a launch with the evaluator or administrator role and always scoped to that
 * launch's platform and deployment.
 */
package org.tandem.evaluation.boundary;
