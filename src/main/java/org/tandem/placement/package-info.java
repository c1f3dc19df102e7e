/**
 * Trainers place Tandem activities into their course: the deep-linking picker (modules,
 * scenarios, pre and post assessments, whole programmes) and the signed response that makes the
 * LMS create the links and their gradebook columns.
 */
package org.tandem.placement;
