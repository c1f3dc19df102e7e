/**
 * Who is using Tandem after a verified LTI launch: Tandem roles (learner, trainer, evaluator,
 * admin) mapped from LTI roles, and the launch session that pages carry as a token, because the
 * LMS frames Tandem and browsers block third-party cookies.
 */
package org.tandem.access;
