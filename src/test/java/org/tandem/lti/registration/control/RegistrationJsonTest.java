package org.tandem.lti.registration.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationJsonTest {

    private static RegistrationJson.Parsed parse(String extra) {
        JsonObject json = Json.createReader(new StringReader("{\"issuer\":\"https://moodle.example\",\"client_id\":\"c\","
                + "\"auth_login_url\":\"https://moodle.example/auth\",\"jwks_url\":\"https://moodle.example/certs\"" + extra + "}"))
                .readObject();
        return RegistrationJson.parse(json, 60);
    }

    @Test
    void takesAWholeNumberOfSecondsAsClockSkew() {
        RegistrationJson.Parsed parsed = parse(",\"clock_skew_seconds\":90");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.registration().clockSkew()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesAClockSkewThatIsNoWholeNumberInsteadOfReadingItAsZero() {
        for (String skew : new String[]{"1e400", "1.5", "-1e400", "99999999999"}) {
            assertThat(parse(",\"clock_skew_seconds\":" + skew).problems()).as(skew)
                    .anySatisfy(p -> assertThat(p).startsWith("clock_skew_seconds"));
        }
    }

    @Test
    void refusesDeploymentIdsLongerThanLtiAllows() {
        assertThat(parse(",\"deployment_ids\":[\"" + "d".repeat(256) + "\"]").problems())
                .singleElement().satisfies(p -> assertThat(p).contains("256 characters").contains("255"));
        assertThat(parse(",\"deployment_ids\":[\"" + "d".repeat(255) + "\"]").problems()).isEmpty();
    }
}
