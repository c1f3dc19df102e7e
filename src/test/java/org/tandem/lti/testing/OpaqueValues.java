package org.tandem.lti.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a platform treats as opaque and a tool must hand back byte for byte (login_hint,
 * lti_message_hint, client_id, deployment ids): the shapes real platforms send, and the characters
 * that break naive URL building ({@code UriBuilder.queryParam} reads braces as a template and keeps
 * {@code %xx} as already encoded).
 */
public final class OpaqueValues {

    /** Moodle 4.4's message hint of a resource link launch (platforms/moodle-4.4/login-initiation-resource-link.json). */
    public static final String MOODLE_RESOURCE_LINK_HINT = "{\"cmid\":25,\"launchid\":\"ltilaunch24_1577536567\"}";
    /** Moodle 4.4's message hint of a deep-linking launch (platforms/moodle-4.4/login-initiation-deep-linking.json). */
    public static final String MOODLE_DEEP_LINKING_HINT = "{\"launchid\":\"ltilaunch_ContentItemSelectionRequest684255299\"}";

    private OpaqueValues() {
    }

    /** Each awkward value by what it is, in a stable order. */
    public static Map<String, String> all() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("moodle resource link hint", MOODLE_RESOURCE_LINK_HINT);
        values.put("moodle deep-linking hint", MOODLE_DEEP_LINKING_HINT);
        values.put("canvas deployment id", "5:d3a2504bba5184799a38f141e8df2335cfa8206d");
        values.put("spaces", "a b  c ");
        values.put("braces", "{x}{{y}}{");
        values.put("percent", "100% %41 %zz %");
        values.put("plus", "a+b++c+");
        values.put("ampersand and equals", "a&b=c&=&");
        values.put("hash and question mark", "#x?y#");
        values.put("unicode", "Ysbyty Gwynedd – côté 医院 🏥");
        values.put("2 kB JSON", twoKilobytes());
        return values;
    }

    /**
     * A JSON hint of 2,048 characters, mostly what a platform puts in one (ids, base64url), with
     * the awkward characters in it too. Each of those takes 3 to 6 characters in a URL, and a URL of
     * more than 8 kB is refused by web servers before any application sees it.
     */
    public static String twoKilobytes() {
        StringBuilder s = new StringBuilder("{\"cmid\":7,\"note\":\"{é} 100% a+b&c=d\",\"launchid\":\"ltilaunch7_");
        String filler = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9-_";
        while (s.length() < 2046) {
            s.append(filler.charAt(s.length() % filler.length()));
        }
        return s.append("\"}").toString();
    }
}
