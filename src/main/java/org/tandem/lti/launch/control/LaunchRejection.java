package org.tandem.lti.launch.control;

/** A launch failed one check. The message names what failed; the hint says what to check. */
public class LaunchRejection extends Exception {

    private final LaunchCheck check;
    private final String adminHint;

    public LaunchRejection(LaunchCheck check, String message, String adminHint) {
        super(message);
        this.check = check;
        this.adminHint = adminHint;
    }

    public LaunchCheck check() {
        return check;
    }

    public String adminHint() {
        return adminHint;
    }

    public int status() {
        return check.status();
    }
}
