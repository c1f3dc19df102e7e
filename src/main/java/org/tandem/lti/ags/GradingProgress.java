package org.tandem.lti.ags;

/**
 * AGS 2.0 §3.4.7 gradingProgress. Platforms keep scoreGiven only with {@link #FullyGraded}
 * (Moodle ignores the score otherwise; Canvas too for NotReady, Failed and Pending).
 */
public enum GradingProgress {
    FullyGraded, Pending, PendingManual, Failed, NotReady
}
