package org.tandem.lti;

/** Claim names of LTI Core 1.3 and LTI Advantage (only the lti package uses them). */
public final class LtiClaims {

    private LtiClaims() {
    }

    public static final String PREFIX = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String MESSAGE_TYPE = PREFIX + "message_type";
    public static final String VERSION = PREFIX + "version";
    public static final String DEPLOYMENT_ID = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
    public static final String TARGET_LINK_URI = PREFIX + "target_link_uri";
    public static final String RESOURCE_LINK = PREFIX + "resource_link";
    public static final String ROLES = PREFIX + "roles";
    public static final String CONTEXT = PREFIX + "context";
    public static final String CUSTOM = PREFIX + "custom";
    public static final String LAUNCH_PRESENTATION = PREFIX + "launch_presentation";
    public static final String TOOL_PLATFORM = PREFIX + "tool_platform";
    public static final String LTI1P1 = PREFIX + "lti1p1";
    public static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

    public static final String LTI_VERSION = "1.3.0";
}
