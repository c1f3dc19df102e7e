package org.tandem.demo.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The people of the demo course; each is a login_hint the demo platform understands. */
public enum DemoPerson {
    MANAGER("Alex Morgan", "Alex", "Morgan", "Learner · service manager",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"),
            Map.of("tandem_group", "manager")),
    CLINICIAN("Dr Priya Shah", "Priya", "Shah", "Learner · consultant physician",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"),
            Map.of("tandem_group", "clinician")),
    TRAINER("Sam Taylor", "Sam", "Taylor", "Trainer",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty"),
            Map.of()),
    EVALUATOR("Jordan Lee", "Jordan", "Lee", "Programme evaluator",
            List.of("http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Reviewer"),
            Map.of());

    private final String name;
    private final String givenName;
    private final String familyName;
    private final String description;
    private final List<String> roles;
    private final Map<String, String> custom;

    DemoPerson(String name, String givenName, String familyName, String description, List<String> roles,
               Map<String, String> custom) {
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

    public String hint() {
        return name().toLowerCase(java.util.Locale.ROOT);
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
