/**
 * What goes to the LMS gradebook, and when: grade columns (a graded course link and the
 * platform's line item), the score outbox written in the transaction that completes an attempt,
 * the worker that delivers it through AGS with retries, and the trainer's sync view.
 */
package org.tandem.gradebook;
