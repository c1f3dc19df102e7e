package org.tandem.lti.nrps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsNextAmongSeveralLinksInOneHeader() {
        assertThat(LinkHeader.next(List.of("<https://lms/m?p=1>; rel=\"first\", <https://lms/m?p=3>; rel=\"next\","
                + " <https://lms/m?p=9>; rel=\"last\""))).contains("https://lms/m?p=3");
    }

    @Test
    void findsNextInAnyOfSeveralHeaders() {
        assertThat(LinkHeader.next(List.of("<https://lms/d>; rel=\"differences\"", "<https://lms/m?p=2>; rel=next")))
                .contains("https://lms/m?p=2");
    }

    @Test
    void readsARelListingSeveralTypes() {
        assertThat(LinkHeader.next(List.of("<https://lms/m?p=2>; rel=\"next last\""))).contains("https://lms/m?p=2");
    }

    @Test
    void ignoresCommasInsideQuotedParameters() {
        assertThat(LinkHeader.next(List.of("<https://lms/a>; title=\"one, two\"; rel=\"prev\", <https://lms/b>; REL=\"Next\"")))
                .contains("https://lms/b");
    }

    @Test
    void doesNotTakeARelationThatOnlyStartsWithNext() {
        assertThat(LinkHeader.next(List.of("<https://lms/m>; rel=\"nextpage\""))).isEmpty();
    }

    @Test
    void findsNothingWithoutANextLink() {
        assertThat(LinkHeader.next(List.of())).isEmpty();
        assertThat(LinkHeader.next(List.of("<https://lms/m?p=1>; rel=\"first\""))).isEmpty();
    }
}
