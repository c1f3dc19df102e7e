package org.tandem.lti.launch.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginRequestTest {

    private static LoginRequest login(String loginHint, String messageHint) {
        return new LoginRequest("https://moodle.example", loginHint, "https://tandem.example/lti/launch",
                Optional.ofNullable(messageHint), Optional.of("client"), Optional.of("1"), Optional.empty());
    }

    @Test
    void takesValuesUpToTheirColumnsWhole() {
        assertThat(login("h".repeat(1024), "m".repeat(2048)).tooLong()).isEmpty();
    }

    @Test
    void namesEachValueLongerThanTandemKeepsWithItsLimit() {
        assertThat(login("h".repeat(1025), "m".repeat(2049)).tooLong()).containsExactly(
                "login_hint is 1025 characters long; Tandem takes at most 1024",
                "lti_message_hint is 2049 characters long; Tandem takes at most 2048");
    }
}
