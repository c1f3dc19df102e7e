package org.tandem.learning.control;

/** A shadowing log entry that cannot be written or confirmed as asked; the message says why, to the learner. */
public class ShadowingRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShadowingRefused(String message) {
        super(message);
    }
}
