package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.evaluation.control.Fixtures.all;
import static org.tandem.evaluation.control.Fixtures.post;
import static org.tandem.evaluation.control.Fixtures.pre;
import static org.tandem.evaluation.control.Fixtures.withOutlook;
import static org.tandem.learning.entity.ProfessionalGroup.MANAGER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.evaluation.entity.MatchedPair;

class OutlookTableTest {

    private static MatchedPair pair(String key, Integer before, Integer after) {
        return new MatchedPair(before == null ? pre(key, MANAGER, all(3)) : withOutlook(pre(key, MANAGER, all(3)), before),
                after == null ? post(key, MANAGER, all(3)) : withOutlook(post(key, MANAGER, all(3)), after));
    }

    @Test
    void countsPreOptionByPostOptionAmongLearnersWhoAnsweredBothTimes() {
        OutlookTable table = OutlookTable.of(Fixtures.instrument().outlook(), List.of(pair("a", 1, 0), pair("b", 1, 0),
                pair("c", 2, 2), pair("d", 0, 1), pair("e", null, 0), pair("f", 1, null), pair("g", 3, 0)));

        assertThat(table.options()).containsExactly("better", "the same", "worse");
        assertThat(table.count(1, 0)).isEqualTo(2);
        assertThat(table.count(2, 2)).isEqualTo(1);
        assertThat(table.count(0, 1)).isEqualTo(1);
        assertThat(table.count(0, 0)).isZero();
        assertThat(table.n()).isEqualTo(4);
        assertThat(table.unchanged()).isEqualTo(1);
        assertThat(table.unanswered()).isEqualTo(2);
        assertThat(table.offOptions()).isEqualTo(1);
        assertThat(table.reading("Outlook").text())
                .isEqualTo("4 learners answered the outlook item before and after; 1 chose the same option both times and 3 a different one.");
    }

    @Test
    void emptyTable() {
        OutlookTable table = OutlookTable.of(Fixtures.instrument().outlook(), List.of());

        assertThat(table.n()).isZero();
        assertThat(table.reading("Outlook").text()).isEqualTo("No matched learner answered the outlook item both before and after.");
    }
}
