/**
 * The built-in demo LTI 1.3 platform: signs id_tokens with its own key, publishes its JWKS,
 * offers "launch as" a demo learner (manager or clinician), trainer or evaluator, and plays the
 * LMS's side of deep linking, AGS (token endpoint, line items, scores, results, a gradebook page)
 * and NRPS. It verifies what Tandem sends as a real LMS does; nothing takes a shortcut around
 * validation on either side. On only when enabled (default with the embedded database).
 */
package org.tandem.demo;
