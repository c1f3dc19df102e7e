package org.tandem.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.lti.testing.OpaqueValues;

/** Opaque values a platform sends come back byte for byte, whichever way the other side decodes a query. */
class QueryStringTest {

    static java.util.stream.Stream<String> values() {
        return OpaqueValues.all().values().stream();
    }

    @ParameterizedTest
    @MethodSource("values")
    void valueComesBackUnchangedUnderFormDecoding(String value) {
        URI uri = QueryString.on("https://lms.example/mod/lti/auth.php").add("lti_message_hint", value).add("state", "s").toUri();

        assertThat(formDecoded(uri.getRawQuery()).get("lti_message_hint")).isEqualTo(value);
        assertThat(formDecoded(uri.getRawQuery()).get("state")).isEqualTo("s");
    }

    @ParameterizedTest
    @MethodSource("values")
    void valueComesBackUnchangedUnderRfc3986Decoding(String value) {
        URI uri = QueryString.on("https://lms.example/auth").add("login_hint", value).toUri();

        // URI.getQuery decodes %xx but leaves '+' alone: the same value only if spaces are %20
        String query = uri.getQuery();
        assertThat(query).isEqualTo("login_hint=" + value);
    }

    @ParameterizedTest
    @MethodSource("values")
    void namesAreEncodedToo(String value) {
        URI uri = QueryString.on("https://lms.example/auth").add(value, "v").toUri();

        assertThat(formDecoded(uri.getRawQuery())).containsEntry(value, "v");
    }

    @org.junit.jupiter.api.Test
    void keepsTheQueryAndFragmentTheUrlHadAndSkipsAbsentValues() {
        URI uri = QueryString.on("https://lms.example/auth.php?id=3&x=%7B#top").add("a", "{b}")
                .add("none", (Object) null).add("empty", java.util.Optional.empty()).add("opt", java.util.Optional.of("1"))
                .toUri();

        assertThat(uri.toString()).isEqualTo("https://lms.example/auth.php?id=3&x=%7B&a=%7Bb%7D&opt=1#top");
    }

    private static Map<String, String> formDecoded(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
