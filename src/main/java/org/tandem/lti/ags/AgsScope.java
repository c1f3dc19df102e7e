package org.tandem.lti.ags;

/** The OAuth scopes of AGS 2.0 (§3.1 "Assignment and Grade Services claim"). */
public enum AgsScope {
    LINEITEM("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"),
    LINEITEM_READONLY("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"),
    RESULT_READONLY("https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"),
    SCORE("https://purl.imsglobal.org/spec/lti-ags/scope/score");

    private final String uri;

    AgsScope(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
