package org.tandem.access.control;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tandem.access.entity.TandemRole;
import org.tandem.lti.LtiRole;

/**
 * LTI roles (LIS v2 vocabulary) to Tandem roles.
 * <ul>
 * <li>Administrator: system or institution Administrator / SysAdmin, or context Administrator.</li>
 * <li>Trainer: context Instructor (any sub-role, e.g. TeachingAssistant), ContentDeveloper, TeachingAssistant.</li>
 * <li>Evaluator: context Mentor with sub-role Reviewer, Auditor or Assessor; or the link's custom
 *     parameter {@code tandem_role=evaluator} for anyone who is not only a learner (a custom parameter
 *     is set by the course's trainer, but every person launching the link sends it).</li>
 * <li>Learner: context Learner, institution Student or Learner, and anyone with no other role.</li>
 * </ul>
 */
public final class RoleMapping {

    public static final String CUSTOM_ROLE = "tandem_role";
    private static final Set<String> EVALUATOR_SUB_ROLES = Set.of("reviewer", "auditor", "assessor",
            "externalreviewer", "externalauditor", "externalassessor");

    private RoleMapping() {
    }

    public static Set<TandemRole> map(Set<LtiRole> roles, Map<String, String> custom) {
        EnumSet<TandemRole> mapped = EnumSet.noneOf(TandemRole.class);
        for (LtiRole role : roles) {
            String name = role.name().toLowerCase(Locale.ROOT);
            switch (role.scope()) {
                case SYSTEM -> {
                    if (name.equals("administrator") || name.equals("sysadmin")) {
                        mapped.add(TandemRole.ADMIN);
                    }
                }
                case INSTITUTION -> {
                    if (name.equals("administrator")) {
                        mapped.add(TandemRole.ADMIN);
                    } else if (name.equals("student") || name.equals("learner")) {
                        mapped.add(TandemRole.LEARNER);
                    }
                }
                case CONTEXT -> {
                    switch (name) {
                        case "administrator" -> mapped.add(TandemRole.ADMIN);
                        case "instructor", "contentdeveloper", "teachingassistant" -> mapped.add(TandemRole.TRAINER);
                        case "mentor" -> {
                            if (role.subRole() != null && EVALUATOR_SUB_ROLES.contains(role.subRole().toLowerCase(Locale.ROOT))) {
                                mapped.add(TandemRole.EVALUATOR);
                            }
                        }
                        case "learner" -> mapped.add(TandemRole.LEARNER);
                        default -> {
                        }
                    }
                }
                default -> {
                }
            }
        }
        boolean privileged = mapped.contains(TandemRole.ADMIN) || mapped.contains(TandemRole.TRAINER)
                || mapped.contains(TandemRole.EVALUATOR);
        if (privileged && "evaluator".equalsIgnoreCase(custom.getOrDefault(CUSTOM_ROLE, "").trim())) {
            mapped.add(TandemRole.EVALUATOR);
        }
        if (mapped.isEmpty()) {
            mapped.add(TandemRole.LEARNER);
        }
        return mapped;
    }

    /** The role a page acts in first: the most privileged one. */
    public static TandemRole primary(Set<TandemRole> roles) {
        for (TandemRole r : TandemRole.values()) {
            if (roles.contains(r)) {
                return r;
            }
        }
        return TandemRole.LEARNER;
    }
}
