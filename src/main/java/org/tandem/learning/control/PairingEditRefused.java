package org.tandem.learning.control;

/**
 * A manual pairing edit that would leave a pair without both a manager and a clinician and was
 * not explicitly allowed by the trainer.
 */
public class PairingEditRefused extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PairingEditRefused(String message) {
        super(message);
    }
}
