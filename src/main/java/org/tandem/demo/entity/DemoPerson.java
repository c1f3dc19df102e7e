package org.tandem.demo.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people of the demo course; each is a login_hint the demo platform understands and a member
 * its membership service lists. Hints (and so subjects) of the first four never change: tests and
 * stored attempts refer to them.
 */
public enum DemoPerson {
    MANAGER("manager", "Alex Morgan", "Alex", "Morgan", "Learner · service manager",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"),
            Map.of("tandem_group", "manager")),
    CLINICIAN("clinician", "Dr Priya Shah", "Priya", "Shah", "Learner · consultant physician",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"),
            Map.of("tandem_group", "clinician")),
    TRAINER("trainer", "Sam Taylor", "Sam", "Taylor", "Trainer",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty"),
            Map.of()),
    EVALUATOR("evaluator", "Jordan Lee", "Jordan", "Lee", "Programme evaluator",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Reviewer"),
            Map.of()),
    // a second manager and clinician, so that pairing has more than one pair to make
    SECOND_MANAGER("manager-2", "Jamie Clarke", "Jamie", "Clarke", "Learner · operations manager",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"), Map.of("tandem_group", "manager")),
    SECOND_CLINICIAN("clinician-2", "Ana Costa", "Ana", "Costa", "Learner · ward sister (nursing)",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"), Map.of("tandem_group", "clinician"));

    private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

    private final String hint;
    private final String name;
    private final String givenName;
    private final String familyName;
    private final String description;
    private final List<String> roles;
    private final Map<String, String> custom;

    DemoPerson(String hint, String name, String givenName, String familyName, String description, List<String> roles,
               Map<String, String> custom) {
        this.hint = hint;
        this.name = name;
        this.givenName = givenName;
        this.familyName = familyName;
        this.description = description;
        this.roles = roles;
        this.custom = custom;
    }

    public static Optional<DemoPerson> byHint(String loginHint) {
        return Arrays.stream(values()).filter(p -> p.hint().equals(loginHint)).findFirst();
    }

    /** The member with this user id (the id_token's sub, AGS userId, NRPS user_id). */
    public static Optional<DemoPerson> bySubject(String subject) {
        return Arrays.stream(values()).filter(p -> p.subject().equals(subject)).findFirst();
    }

    public String hint() {
        return hint;
    }

    /** Whether the person teaches the course (LIS membership role Instructor): who may add activities. */
    public boolean instructor() {
        return roles.contains(MEMBERSHIP + "#Instructor");
    }

    public boolean learner() {
        return roles.contains(MEMBERSHIP + "#Learner");
    }

    /** The person's roles in the course (NRPS lists context roles, not institution roles). */
    public List<String> contextRoles() {
        return roles.stream().filter(r -> r.startsWith(MEMBERSHIP)).toList();
    }

    public String subject() {
        return "demo-" + hint();
    }

    public String email() {
        return hint() + "@demo.tandem.invalid";
    }

    public String displayName() {
        return name;
    }

    public String givenName() {
        return givenName;
    }

    public String familyName() {
        return familyName;
    }

    public String description() {
        return description;
    }

    public List<String> roles() {
        return roles;
    }

    public Map<String, String> custom() {
        return custom;
    }
}
