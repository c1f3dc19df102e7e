package org.tandem.lti.ags;

/** AGS 2.0 §3.4.6 activityProgress: where the learner is with the activity. */
public enum ActivityProgress {
    Initialized, Started, InProgress, Submitted, Completed
}
