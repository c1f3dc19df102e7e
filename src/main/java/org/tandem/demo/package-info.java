/**
 * The built-in demo LTI 1.3 platform: signs id_tokens with its own key, publishes its JWKS and
 * offers "launch as" a demo learner (manager or clinician), trainer or evaluator. It goes
 * through the same LTI code as a real LMS; nothing takes a shortcut around validation.
 * On only when enabled (default with the embedded database).
 */
package org.tandem.demo;
