package org.tandem.learning.control;

/**
 * An answer that does not fit the content or the attempt's state: an unknown section or item, a
 * value outside the options or the scale, a knowledge check answered twice, a text too long, or
 * moving on past an unanswered check. Unchecked for the same reason as {@link InvalidChoice}.
 */
public class InvalidAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidAnswer(String message) {
        super(message);
    }
}
