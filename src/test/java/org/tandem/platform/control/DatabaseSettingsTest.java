package org.tandem.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void embeddedCommitsAreWrittenBeforeTheyReturn() {
        assertThat(DatabaseSettings.durable(DatabaseSettings.EMBEDDED_URL))
                .isEqualTo("jdbc:h2:file:./data/tandem;AUTO_SERVER=FALSE;WRITE_DELAY=0");
        assertThat(DatabaseSettings.durable("jdbc:h2:file:/srv/tandem/db")).endsWith(";WRITE_DELAY=0");
    }

    @Test
    void anAdministratorsOwnWriteDelayAndOtherDatabasesAreLeftAlone() {
        assertThat(DatabaseSettings.durable("jdbc:h2:file:/srv/tandem/db;write_delay=500"))
                .isEqualTo("jdbc:h2:file:/srv/tandem/db;write_delay=500");
        assertThat(DatabaseSettings.durable("jdbc:postgresql://db/tandem")).isEqualTo("jdbc:postgresql://db/tandem");
    }
}
