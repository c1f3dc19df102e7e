package org.tandem.demo.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.lti.ToolUrls;

/** When the demo platform is on (the test JVM runs on the embedded database: no TANDEM_DB_URL). */
class DemoPlatformTest {

    private static DemoPlatform demo(Optional<String> baseUrl, Optional<Boolean> setting) {
        DemoPlatform demo = new DemoPlatform();
        demo.urls = new ToolUrls(baseUrl);
        demo.enabledSetting = setting;
        return demo;
    }

    @Test
    void isOnForALocalRunOnTheEmbeddedDatabase() {
        assertThat(demo(Optional.empty(), Optional.empty()).enabled()).isTrue();
    }

    @Test
    void isOffWithAPublicBaseUrlEvenOnTheEmbeddedDatabase() {
        assertThat(demo(Optional.of("https://tandem.example.nhs.uk"), Optional.empty()).enabled()).isFalse();
    }

    @Test
    void anAdministratorsExplicitSettingWins() {
        assertThat(demo(Optional.of("https://tandem.example.nhs.uk"), Optional.of(true)).enabled()).isTrue();
        assertThat(demo(Optional.empty(), Optional.of(false)).enabled()).isFalse();
    }
}
