package org.tandem.lti.launch.control;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of each check of one launch, for the diagnostics page. */
public final class CheckLog {

    public enum Outcome { PASSED, FAILED, NOT_REACHED }

    private final Map<LaunchCheck, Outcome> outcomes = new EnumMap<>(LaunchCheck.class);
    private final List<String> notes = new ArrayList<>();

    public void passed(LaunchCheck check) {
        outcomes.put(check, Outcome.PASSED);
    }

    public void failed(LaunchCheck check) {
        outcomes.put(check, Outcome.FAILED);
    }

    /** Something an administrator should know about an accepted launch (a value Tandem shortened). */
    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Outcome outcome(LaunchCheck check) {
        return outcomes.getOrDefault(check, Outcome.NOT_REACHED);
    }

    /** "PLATFORM=PASSED,STATE=PASSED,..." for storage; every check is listed. */
    public String encode() {
        return java.util.Arrays.stream(LaunchCheck.values())
                .map(c -> c.name() + "=" + outcome(c).name())
                .collect(Collectors.joining(","));
    }

    public static Map<LaunchCheck, Outcome> decode(String encoded) {
        Map<LaunchCheck, Outcome> map = new EnumMap<>(LaunchCheck.class);
        for (String pair : encoded.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                try {
                    map.put(LaunchCheck.valueOf(kv[0]), Outcome.valueOf(kv[1]));
                } catch (IllegalArgumentException ignored) {
                    // a check renamed since the record was written: leave it out
                }
            }
        }
        return map;
    }
}
