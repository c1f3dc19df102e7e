package org.tandem.paired.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackRejected;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.Seat;
import org.tandem.paired.entity.PairedCase;

class PairedCasesTest {

    final PairedCases cases = new PairedCases();

    @Test
    void readsTheStarterCaseWithHiddenFactsPerSeatAndDecisionOwners() {
        PairedCase c = cases.find("closing-beds").orElseThrow();
        assertThat(c.brief(Seat.MANAGER).hidden()).isNotEmpty();
        assertThat(c.brief(Seat.CLINICIAN).hidden()).isNotEmpty().doesNotContainAnyElementsOf(c.brief(Seat.MANAGER).hidden());
        assertThat(c.decisions()).extracting(PairedCase.Decision::owner).contains(Seat.MANAGER, Seat.CLINICIAN);
        assertThat(c.maxPoints()).isEqualTo(9);
    }

    @Test
    void shipsTwoStarterCasesEachWithDecisionsOfBothSeats() {
        assertThat(cases.all()).extracting(PairedCase::id).containsExactly("closing-beds", "theatre-overrun");
        assertThat(cases.all()).allSatisfy(c -> assertThat(c.decisions()).extracting(PairedCase.Decision::owner)
                .contains(Seat.MANAGER, Seat.CLINICIAN));
    }

    @Test
    void rejectsACaseTheSchemaRefusesNamingFileAndPath() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                summary: s
                seats:
                  manager: {briefing: b, pressures: [p], hidden: [h]}
                  clinician: {briefing: b, pressures: [p], hidden: []}
                decisions:
                  - {id: d, title: t, situation: s, owner: director, options: [{id: a, text: a, points: 1, outcome: o}, {id: b, text: b, points: 0, outcome: o}]}
                debrief: d
                """;
        assertThatThrownBy(() -> cases.read("paired/broken.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PackRejected.class, e -> assertThat(e.problems()).extracting(PackProblem::path)
                        .contains("$.seats.clinician.hidden", "$.decisions[0].owner"));
    }

    @Test
    void rejectsAnOptionIdUsedTwice() {
        String yaml = """
                id: twice
                version: 1
                title: Twice
                summary: s
                seats:
                  manager: {briefing: b, pressures: [p], hidden: [h]}
                  clinician: {briefing: b, pressures: [p], hidden: [h]}
                decisions:
                  - {id: d, title: t, situation: s, owner: manager, options: [{id: a, text: a, points: 1, outcome: o}, {id: a, text: b, points: 0, outcome: o}]}
                debrief: d
                """;
        assertThatThrownBy(() -> cases.read("paired/twice.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PackRejected.class, e -> assertThat(e.problems()).extracting(PackProblem::path)
                        .containsExactly("$.decisions[0].options[1].id"));
    }
}
