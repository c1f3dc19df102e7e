package org.tandem.lti.registration.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void anOriginIsSchemeHostAndPortAndNothingElse() {
        assertThat(Platform.originOf("https://Trust.Instructure.com/courses/1?x=y#z")).contains("https://trust.instructure.com");
        assertThat(Platform.originOf("https://moodle.trust.nhs.uk:8443/mod/lti")).contains("https://moodle.trust.nhs.uk:8443");
        assertThat(Platform.originOf("https://moodle.example:443/")).contains("https://moodle.example");
        assertThat(Platform.originOf("http://127.0.0.1:8080/demo")).contains("http://127.0.0.1:8080");
        assertThat(Platform.originOf("https://[2001:db8::1]/x")).contains("https://[2001:db8::1]");
    }

    @Test
    void refusesWhatWouldChangeThePolicyItIsWrittenInto() {
        for (String hostile : new String[]{"https://x%20*/", "https://a;sandbox/", "https://x%20'unsafe-inline'/",
                "https://evil.example%3B%20script-src%20*/", "https://*.example/", "https://user:pw@evil.example/",
                "https://evil.example:0/", "https://evil.example:70000/", "javascript:alert(1)", "data:text/html,x",
                "//evil.example/", "https:///nohost", "not a url", ""}) {
            assertThat(Platform.originOf(hostile)).as(hostile).isEmpty();
        }
        assertThat(Platform.originOf(null)).isEmpty();
    }

    @Test
    void storedOriginsAreCheckedAgainWhenRead() throws Exception {
        Platform platform = new Platform(new PlatformRegistration("https://canvas.example", "c", "Canvas",
                "https://canvas.example/auth", Optional.empty(), "https://canvas.example/jwks", DeploymentPolicy.ADMIT_NEW,
                Duration.ofSeconds(60)), RegistrationSource.ADMIN, Instant.now());
        // what a database written before origins were checked may hold
        Field stored = Platform.class.getDeclaredField("frameOrigins");
        stored.setAccessible(true);
        stored.set(platform, "https://trust.instructure.com https://x *  'unsafe-inline' https://a;sandbox");

        assertThat(platform.frameOrigins()).as("'*', keywords and 'https://a;sandbox' dropped, plain origins kept")
                .containsExactly("https://canvas.example", "https://trust.instructure.com", "https://x");
    }
}
