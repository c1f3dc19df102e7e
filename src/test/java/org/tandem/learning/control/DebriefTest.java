package org.tandem.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.learning.control.TestContent.discharge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.learning.control.Debrief.SceneChoices;
import org.tandem.learning.control.Debrief.Share;
import org.tandem.learning.control.Debrief.Shown;
import org.tandem.learning.control.Debrief.Suppressed;

class DebriefTest {

    private final Scenario scenario = discharge();
    private final List<Step> learnerPath = ScenarioPlay.replay(scenario, List.of("listen", "escalate")).path();

    private CompletedPath played(String... choiceIds) {
        ScenarioPlay play = ScenarioPlay.replay(scenario, List.of(choiceIds));
        return new CompletedPath(play.path(), play.ending().orElseThrow().id());
    }

    private List<CompletedPath> times(int n, CompletedPath path) {
        return Collections.nCopies(n, path);
    }

    @SafeVarargs
    private static List<CompletedPath> group(List<CompletedPath>... parts) {
        List<CompletedPath> all = new ArrayList<>();
        for (List<CompletedPath> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    void suppressesDebriefBelowMinimumGroupSize() {
        Debrief debrief = Debrief.of(scenario, learnerPath, times(7, played("listen", "escalate")));

        assertThat(debrief.suppressed()).isTrue();
        assertThat(debrief).isEqualTo(new Suppressed(1));
    }

    @Test
    void neverLowersTheMinimumGroupSizeBelowFive() {
        assertThat(Debrief.of(scenario, learnerPath, times(4, played("skip")), 3)).isEqualTo(new Suppressed(1));
        assertThat(Debrief.of(scenario, learnerPath, times(5, played("skip")), 3).suppressed()).isFalse();
        assertThat(Debrief.of(scenario, learnerPath, times(9, played("skip")), 10)).isEqualTo(new Suppressed(1));
    }

    @Test
    void showsHowTheOtherGroupChoseAtEachSceneTheLearnerVisited() {
        List<CompletedPath> others = group(times(4, played("listen", "escalate")), times(2, played("listen", "wait")),
                times(2, played("push", "escalate")), times(1, played("push", "wait")), times(1, played("skip")));

        Shown shown = (Shown) Debrief.of(scenario, learnerPath, others);

        assertThat(shown.groupSize()).isEqualTo(10);
        assertThat(shown.scenes()).containsExactly(
                new SceneChoices("ward-round", "listen", false,
                        List.of(new Share("listen", 60), new Share("push", 30), new Share("skip", 10))),
                // shares among the nine who reached the bed meeting, rounded to whole percent
                new SceneChoices("bed-meeting", "escalate", false,
                        List.of(new Share("escalate", 67), new Share("wait", 33))));
        assertThat(shown.endings()).containsExactly(new Share("safe-discharge", 60), new Share("delayed", 30),
                new Share("rushed-discharge", 10));
    }

    @Test
    void showsOnlyTheScenesTheLearnerVisitedAndChoicesNobodyTookAsZero() {
        List<Step> skipped = ScenarioPlay.replay(scenario, List.of("skip")).path();

        Shown shown = (Shown) Debrief.of(scenario, skipped, times(8, played("listen", "escalate")));

        assertThat(shown.scenes()).containsExactly(new SceneChoices("ward-round", "skip", false,
                List.of(new Share("listen", 100), new Share("push", 0), new Share("skip", 0))));
        assertThat(shown.endings()).extracting(Share::percent).containsExactly(100, 0, 0);
    }

    @Test
    void hidesChoicesAtASceneTooFewOfTheOtherGroupReached() {
        List<CompletedPath> others = group(times(4, played("listen", "escalate")), times(6, played("skip")));

        Shown shown = (Shown) Debrief.of(scenario, learnerPath, others);

        assertThat(shown.scenes()).extracting(SceneChoices::sceneId, SceneChoices::tooFewReached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ward-round", false),
                        org.assertj.core.groups.Tuple.tuple("bed-meeting", true));
        assertThat(shown.scenes().get(1).choices()).isEmpty();
    }

    @Test
    void roundsHalvesUp() {
        // 1 of 8 is 12.5 %, 7 of 8 is 87.5 %
        List<CompletedPath> others = group(times(7, played("listen", "escalate")), times(1, played("listen", "wait")));

        Shown shown = (Shown) Debrief.of(scenario, learnerPath, others);

        assertThat(shown.scenes().get(1).choices()).containsExactly(new Share("escalate", 88), new Share("wait", 13));
    }
}
