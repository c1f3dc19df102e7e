package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final byte[] KEY = "a key of this installation, 32 b".getBytes(StandardCharsets.UTF_8);
    private final Pseudonyms pseudonyms = new Pseudonyms(KEY);

    @Test
    void isStableWithinADeployment() {
        String first = pseudonyms.of(7, "deployment-a", "user-123");
        assertThat(first).matches("p-[0-9a-f]{12}");
        assertThat(pseudonyms.of(7, "deployment-a", "user-123")).isEqualTo(first);
        assertThat(new Pseudonyms(KEY.clone()).of(7, "deployment-a", "user-123")).as("after a restart, from the stored key")
                .isEqualTo(first);
        Pseudonyms.InDeployment inDeployment = pseudonyms.in(7, "deployment-a");
        assertThat(inDeployment.of("user-123")).isEqualTo(first);
        assertThat(inDeployment.of("user-123")).as("the MAC is reused safely").isEqualTo(first);
    }

    @Test
    void differsAcrossDeploymentsAndPlatforms() {
        String a = pseudonyms.of(7, "deployment-a", "user-123");
        assertThat(pseudonyms.of(7, "deployment-b", "user-123")).isNotEqualTo(a);
        assertThat(pseudonyms.of(8, "deployment-a", "user-123")).isNotEqualTo(a);
    }

    @Test
    void fieldsCannotRunIntoEachOther() {
        // without length prefixes these two inputs would be the same bytes
        assertThat(pseudonyms.of(1, "23", "x")).isNotEqualTo(pseudonyms.of(12, "3", "x"));
        assertThat(pseudonyms.of(1, "ab", "c")).isNotEqualTo(pseudonyms.of(1, "a", "bc"));
    }

    @Test
    void dependsOnTheInstallationsKey() {
        Pseudonyms other = new Pseudonyms("another installation's own key!!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.of(7, "deployment-a", "user-123")).isNotEqualTo(pseudonyms.of(7, "deployment-a", "user-123"));
    }

    @Test
    void neverShowsTheSubject() {
        String subject = "f3a9c1d2e4b5";
        assertThat(pseudonyms.of(7, "deployment-a", subject)).doesNotContain(subject);
    }

    @Test
    void givesTenThousandLearnersDistinctPseudonyms() {
        Pseudonyms.InDeployment keys = pseudonyms.in(7, "deployment-a");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(keys.of("learner-" + i));
        }
        assertThat(seen).hasSize(10_000);
    }
}
