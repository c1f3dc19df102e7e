package org.tandem.catalogue.entity;

/**
 * One section of a module. Texts are Markdown (rendered and sanitised). A section ends with a
 * reflection prompt or a knowledge check (or neither, never both).
 *
 * @param intro         optional shared introduction
 * @param managerView   the manager's perspective
 * @param clinicianView the clinician's perspective
 * @param reflection    optional reflection prompt (free text the learner keeps)
 * @param check         optional knowledge check
 */
public record Section(String id, String title, String intro, String managerView, String clinicianView,
                      String reflection, KnowledgeCheck check) {
}
