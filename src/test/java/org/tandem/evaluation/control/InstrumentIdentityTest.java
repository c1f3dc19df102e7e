package org.tandem.evaluation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;

/**
 * Two packs that gave one instrument id and version different reverse items (as an installation
 * could before the catalogue refused that) are never pooled: each response carries the identity
 * of the content it answered, the list of answered instruments shows both, and a report of one
 * content scores only its own learners, by its own rules.
 */
class InstrumentIdentityTest {

    /** Fixtures' instrument with u2 reverse-scored: the same id and version, other content. */
    static Instrument u2Reversed() {
        Instrument instrument = Fixtures.instrument();
        List<Subscale> subscales = new ArrayList<>();
        for (Subscale subscale : instrument.subscales()) {
            subscales.add(new Subscale(subscale.id(), subscale.title(), subscale.items().stream()
                    .map(item -> item.id().equals("u2") ? new Item("u2", item.text(), true) : item).toList()));
        }
        return new Instrument(instrument.id(), instrument.version(), instrument.title(), instrument.instructions(),
                instrument.scale(), subscales, instrument.outlook(), instrument.thenTest(), instrument.freeTextPrompt());
    }

    private static ContentPack pack(String id, Instrument instrument) {
        return new ContentPack(id, 1, id, null, List.of(), List.of(), List.of(instrument));
    }

    private static Optional<ContentPack> packs(String id, Integer version) {
        return switch (id) {
            case "pack-a" -> Optional.of(pack("pack-a", Fixtures.instrument()));
            case "pack-b" -> Optional.of(pack("pack-b", u2Reversed()));
            default -> Optional.empty();
        };
    }

    /** Eight learners of each pack answering u1 = 2, u2 = 2 before and u1 = 4, u2 = 4 after (trust items all 3). */
    private static List<ProgrammeResponses.Row> rows() {
        List<ProgrammeResponses.Row> rows = new ArrayList<>();
        Instant pre = Instant.parse("2026-02-02T09:00:00Z");
        for (String pack : List.of("pack-a", "pack-b")) {
            for (int i = 0; i < 8; i++) {
                String subject = pack + "-learner-" + i;
                String group = i % 2 == 0 ? "MANAGER" : "CLINICIAN";
                rows.add(new ProgrammeResponses.Row(subject, "PRE", pack, 1, state(2), pre, group, true, group));
                rows.add(new ProgrammeResponses.Row(subject, "POST", pack, 1, state(4), pre.plusSeconds(86_400), group, true, group));
            }
        }
        return rows;
    }

    private static String state(int understanding) {
        return "{\"answers\":{\"t1\":3,\"t2\":3,\"t3\":3,\"t4\":3,\"u1\":" + understanding + ",\"u2\":" + understanding + "}}";
    }

    @Test
    void responsesCarryTheContentTheyAnswered() {
        CollectedResponses collected = ProgrammeResponses.assemble(rows(), "relationship", InstrumentIdentityTest::packs, s -> "p-" + s);

        InstrumentIdentity a = PackJson.identity(Fixtures.instrument());
        InstrumentIdentity b = PackJson.identity(u2Reversed());
        assertThat(a.is("relationship", 1)).isTrue();
        assertThat(b.is("relationship", 1)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(collected.instruments()).containsOnlyKeys(a, b);
        assertThat(collected.counts()).containsExactly(Map.entry(a, 16L), Map.entry(b, 16L));
        assertThat(collected.responses()).filteredOn(r -> r.learnerKey().startsWith("p-pack-b"))
                .extracting(Response::instrument).containsOnly(b);
    }

    @Test
    void aReportOfOneContentNeverScoresTheOthersLearners() {
        CollectedResponses collected = ProgrammeResponses.assemble(rows(), "relationship", InstrumentIdentityTest::packs, s -> "p-" + s);
        Measure understanding = Measure.of(Fixtures.instrument().subscales().get(1));

        EvaluationReport a = EvaluationReport.of(Fixtures.instrument(), collected.responses(), Suppression.standard());
        EvaluationReport b = EvaluationReport.of(u2Reversed(), collected.responses(), Suppression.standard());

        // pack A scores u2 as answered: understanding 2 → 4, a change of +2 for its eight learners
        assertThat(a.matching().matched()).isEqualTo(8);
        assertThat(a.otherVersionResponses()).isEqualTo(16);
        assertThat(a.cell(understanding, Cohort.ALL).change().get().meanChange().get()).isEqualTo(2.0);
        // pack B turns u2 round (6 − answer): (2 + 4)/2 = 3 before, (4 + 2)/2 = 3 after, no change
        assertThat(b.matching().matched()).isEqualTo(8);
        assertThat(b.cell(understanding, Cohort.ALL).change().get().meanChange().get()).isEqualTo(0.0);
        // pooled, as before identities, one rule would have scored all sixteen
        EvaluationReport pooled = EvaluationReport.of(Fixtures.instrument(), collected.responses().stream()
                .map(r -> new Response(r.learnerKey(), r.group(), r.consented(), r.phase(), a.identity(), r.answers(), r.thenAnswers(),
                        r.outlook(), r.submitted())).toList(), Suppression.standard());
        assertThat(pooled.matching().matched()).isEqualTo(16);
    }

    @Test
    void theAnsweredListKeepsBothContentsApart() {
        List<Object[]> grouped = List.of(new Object[] {"relationship", "pack-a", 1, 16L},
                new Object[] {"relationship", "pack-b", 1, 10L}, new Object[] {"relationship", "pack-gone", 1, 3L},
                new Object[] {"relationship", "pack-a", 1, 2L});

        AnsweredInstruments answered = ProgrammeResponses.answered(grouped, InstrumentIdentityTest::packs);

        InstrumentIdentity a = PackJson.identity(Fixtures.instrument());
        InstrumentIdentity b = PackJson.identity(u2Reversed());
        assertThat(answered.all()).extracting(AnsweredInstrument::identity).containsExactlyInAnyOrder(a, b);
        assertThat(answered.find(a).orElseThrow().responses()).isEqualTo(18);
        assertThat(answered.find(b).orElseThrow().packId()).isEqualTo("pack-b");
        assertThat(answered.shared(a)).isTrue();
        assertThat(answered.version("relationship", 1, Optional.of(b.shortHash()))).map(AnsweredInstrument::identity).hasValue(b);
        assertThat(answered.version("relationship", 1, Optional.empty())).map(AnsweredInstrument::identity)
                .as("the more answered of the two").hasValue(a);
    }
}
