package org.tandem.placement.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.lti.deeplinking.ResourceLinkItem;

class OfferTest {

    static ContentPack starter;
    static Offer offer;

    @BeforeAll
    static void readStarterPack() {
        starter = new PackReader().readClasspath("content/starter");
        offer = Offer.of(starter);
    }

    @Test
    void programmeRunsFromPreAssessmentThroughModulesAndScenariosToPostAssessment() {
        List<String> keys = offer.chosen(Set.of(Offer.PROGRAMME)).stream().map(Offer.Choice::key).toList();

        assertThat(keys).hasSize(starter.instruments().size() * 2 + starter.modules().size() + starter.scenarios().size());
        assertThat(keys.get(0)).isEqualTo("assessment:" + starter.instruments().get(0).id() + ":pre");
        assertThat(keys.get(1)).startsWith("module:");
        assertThat(keys.get(keys.size() - 2)).startsWith("scenario:");
        assertThat(keys.get(keys.size() - 1)).isEqualTo("assessment:" + starter.instruments().get(0).id() + ":post");
    }

    @Test
    void chosenItemsComeInProgrammeOrderEachOnce() {
        String post = "assessment:" + starter.instruments().get(0).id() + ":post";
        String module = "module:" + starter.modules().get(0).id();

        List<String> keys = offer.chosen(new java.util.LinkedHashSet<>(List.of(post, module, Offer.PROGRAMME, module)))
                .stream().map(Offer.Choice::key).toList();

        assertThat(keys).doesNotHaveDuplicates().first().asString().endsWith(":pre");
        assertThat(offer.chosen(Set.of(post, module)).stream().map(Offer.Choice::key)).containsExactly(module, post);
    }

    @Test
    void refusesAnActivityThePackDoesNotOffer() {
        assertThatThrownBy(() -> offer.chosen(Set.of("module:no-such-module")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-module");
    }

    @Test
    void itemsCarryTheCustomParametersAndAGradebookColumn() {
        String pre = "assessment:" + starter.instruments().get(0).id() + ":pre";
        List<ResourceLinkItem> items = offer.items(offer.chosen(Set.of(pre, "module:" + starter.modules().get(0).id())),
                SendMode.COMPLETION, Offer.VersionPolicy.PINNED);

        ResourceLinkItem assessment = items.get(0);
        assertThat(assessment.custom()).containsEntry("tandem_activity", "assessment:" + starter.instruments().get(0).id())
                .containsEntry("tandem_phase", "pre").containsEntry("tandem_pack", starter.id())
                .containsEntry("tandem_version", String.valueOf(starter.version())).containsEntry("tandem_grade", "completion");
        assertThat(assessment.lineItem()).hasValueSatisfying(li -> {
            assertThat(li.scoreMaximum()).isEqualTo(100.0);
            assertThat(li.label()).isEqualTo(assessment.title());
            assertThat(li.resourceId()).contains(pre);
            assertThat(li.tag()).contains("tandem");
        });
        ResourceLinkItem module = items.get(1);
        assertThat(module.custom()).doesNotContainKey("tandem_phase").containsEntry("tandem_grade", "score");
        assertThat(module.text()).isPresent();
    }

    @Test
    void assessmentsMaySendTheirScoreAndNewAttemptsMayFollowTheNewestVersion() {
        String pre = "assessment:" + starter.instruments().get(0).id() + ":pre";
        ResourceLinkItem item = offer.items(offer.chosen(Set.of(pre)), SendMode.SCORE, Offer.VersionPolicy.LATEST).get(0);

        assertThat(item.custom()).containsEntry("tandem_grade", "score").containsEntry("tandem_version", "latest");
    }
}
