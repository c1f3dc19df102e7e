package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Seat;
import org.tandem.learning.control.ScenarioPlay;

/** The worked example in docs/ must stay a valid pack that a learner can play to an ending. */
class DocumentedExampleTest {

    @Test
    void workedExampleOfTheDocsIsAValidPlayablePack() throws Exception {
        Path example = Path.of("docs/examples/handover-pack.yaml");
        ContentPack pack = new PackReader().readFile("pack.yaml", Files.readAllBytes(example));
        assertThat(pack.id()).isEqualTo("handover-example");
        assertThat(pack.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.seat()).isEqualTo(Seat.MANAGER);
            assertThat(s.scenes()).hasSize(6);
            assertThat(s.endings()).hasSize(3);
            ScenarioPlay play = ScenarioPlay.start(s).choose("go-and-see").choose("ask-clinical-priorities")
                    .choose("move-and-book").choose("explain-both");
            assertThat(play.ending()).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo("a-night-that-holds"));
            assertThat(play.score()).hasValue(1.0);
        });
    }
}
