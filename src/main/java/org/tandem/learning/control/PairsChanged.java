package org.tandem.learning.control;

/** The pairs were changed (by another trainer, or in another window) since the page that asked for this edit was drawn. */
public class PairsChanged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PairsChanged(String message) {
        super(message);
    }
}
