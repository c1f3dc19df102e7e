package org.tandem.lti;

import java.util.Locale;

/**
 * One role from the roles claim, parsed from the LIS v2 vocabulary (LTI Core 1.3 appendix A):
 * context (membership), institution and system roles, with an optional sub-role. Simple names
 * ("Instructor") and the LTI 1.1 URNs some platforms still send are read as well.
 */
public record LtiRole(Scope scope, String name, String subRole, String uri) {

    public enum Scope { CONTEXT, INSTITUTION, SYSTEM, UNKNOWN }

    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

    public static LtiRole parse(String raw) {
        String uri = raw.trim();
        if (uri.startsWith(LIS)) {
            String rest = uri.substring(LIS.length());
            if (rest.startsWith("membership/")) {
                // membership/Instructor#TeachingAssistant: principal role Instructor, sub-role TeachingAssistant
                String[] parts = rest.substring("membership/".length()).split("#", 2);
                return new LtiRole(Scope.CONTEXT, parts[0], parts.length > 1 ? parts[1] : null, uri);
            }
            if (rest.startsWith("membership#")) {
                return new LtiRole(Scope.CONTEXT, rest.substring("membership#".length()), null, uri);
            }
            if (rest.startsWith("institution/person#")) {
                return new LtiRole(Scope.INSTITUTION, rest.substring("institution/person#".length()), null, uri);
            }
            if (rest.startsWith("system/person#")) {
                return new LtiRole(Scope.SYSTEM, rest.substring("system/person#".length()), null, uri);
            }
            return new LtiRole(Scope.UNKNOWN, rest, null, uri);
        }
        if (uri.startsWith("urn:lti:role:ims/lis/")) {
            String[] parts = uri.substring("urn:lti:role:ims/lis/".length()).split("/", 2);
            return new LtiRole(Scope.CONTEXT, parts[0], parts.length > 1 ? parts[1] : null, uri);
        }
        if (uri.startsWith("urn:lti:instrole:ims/lis/")) {
            return new LtiRole(Scope.INSTITUTION, uri.substring("urn:lti:instrole:ims/lis/".length()), null, uri);
        }
        if (uri.startsWith("urn:lti:sysrole:ims/lis/")) {
            return new LtiRole(Scope.SYSTEM, uri.substring("urn:lti:sysrole:ims/lis/".length()), null, uri);
        }
        if (!uri.contains(":") && !uri.contains("/")) {
            // LTI 1.3 §A.2.2 (deprecated simple names) stand for context roles
            return new LtiRole(Scope.CONTEXT, uri, null, uri);
        }
        return new LtiRole(Scope.UNKNOWN, uri, null, uri);
    }

    public boolean is(Scope s, String roleName) {
        return scope == s && name.toLowerCase(Locale.ROOT).equals(roleName.toLowerCase(Locale.ROOT));
    }

    public boolean isContext(String roleName) {
        return is(Scope.CONTEXT, roleName);
    }

    public boolean hasSubRole(String sub) {
        return subRole != null && subRole.equalsIgnoreCase(sub);
    }
}
