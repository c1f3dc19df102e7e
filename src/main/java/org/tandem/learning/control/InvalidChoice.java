package org.tandem.learning.control;

/**
 * A choice that does not fit the play: the play has ended, or the choice is not offered in the
 * current scene. Unchecked because it comes from what a learner sent, which the boundary turns
 * into a refusal in one place rather than at every call.
 */
public class InvalidChoice extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidChoice(String message) {
        super(message);
    }
}
