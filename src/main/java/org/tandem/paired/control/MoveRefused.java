package org.tandem.paired.control;

/** A move the rules do not allow now; {@code key} names the message a partner reads (paired.refused.*). */
public class MoveRefused extends RuntimeException {

    private final String key;

    public MoveRefused(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
