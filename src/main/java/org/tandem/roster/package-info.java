/**
 * Who is in a course: members recorded from their own launches and from the platform's Names and
 * Role Provisioning Service, for trainers' pages (progress, grade sync, pairing). Names never
 * reach the evaluation.
 */
package org.tandem.roster;
