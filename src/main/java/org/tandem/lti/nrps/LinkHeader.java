package org.tandem.lti.nrps;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code Link} response header (RFC 8288): NRPS 2.0 pages a membership by giving the
 * next page as {@code <url>; rel="next"}. Several links may share one header, separated by commas,
 * and a rel may list several relation types ({@code rel="next last"}).
 */
final class LinkHeader {

    private LinkHeader() {
    }

    /** The target of the first link whose rel includes {@code next}, as written (it may be relative). */
    static Optional<String> next(List<String> headerValues) {
        for (String value : headerValues) {
            int at = 0;
            while ((at = value.indexOf('<', at)) >= 0) {
                int close = value.indexOf('>', at);
                if (close < 0) {
                    break;
                }
                String target = value.substring(at + 1, close).trim();
                int end = endOfLink(value, close + 1);
                if (relIncludes(value.substring(close + 1, end), "next")) {
                    return Optional.of(target);
                }
                at = end;
            }
        }
        return Optional.empty();
    }

    /** Where this link's parameters end: the first comma outside a quoted string, or the end. */
    private static int endOfLink(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    private static boolean relIncludes(String params, String relation) {
        for (String param : params.split(";")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String rel = param.substring(eq + 1).trim();
            if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
                rel = rel.substring(1, rel.length() - 1);
            }
            for (String type : rel.trim().split("\\s+")) {
                if (type.toLowerCase(Locale.ROOT).equals(relation)) {
                    return true;
                }
            }
        }
        return false;
    }
}
