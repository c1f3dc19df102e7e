package org.tandem.demo.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Item;
import org.tandem.catalogue.entity.Scale;
import org.tandem.catalogue.entity.Subscale;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * One simulated learner of the demo cohort and how they answer a relationship instrument before
 * and after the programme. Answers come from a small latent model, so that the evaluation has
 * something realistic to find rather than noise:
 * <ul>
 * <li>each person has a general level of agreement (people who agree with much agree with much),
 * a level per subscale, and noise per item, so items of a subscale hang together (Cronbach's
 * alpha around 0.7–0.8);</li>
 * <li>groups start from different places (clinicians understand managers' priorities less than the
 * other way round) and change differently: clinicians' understanding grows most, managers' less,
 * trust only a little;</li>
 * <li>reverse-scored items are answered the other way round: agreeing with the subscale means a
 * low raw answer, as real respondents give;</li>
 * <li>on the post form the retrospective then-ratings sit a little below the pre answers
 * (response shift: having learned, people judge their starting point more harshly), and the
 * outlook moves towards "better" for those who changed most.</li>
 * </ul>
 * Everything is drawn from the {@link Random} given, so a seed gives the same person every time.
 * Answers go through {@link AssessmentResponse}, the rules the learner pages use.
 */
public final class DemoRespondent {

    /** Share of learners who answer before the programme only (left or missed the end). */
    public static final double PRE_ONLY = 0.05;
    /** Share who answer after the programme only (joined late or missed the start). */
    public static final double POST_ONLY = 0.05;
    /** Share who agree to their answers being used for evaluation. */
    public static final double CONSENT = 0.90;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Where each group starts, per subscale, in scale points above or below the middle. */
    private static final Map<String, double[]> START = Map.of(
            "understanding", new double[] {0.10, -0.35},
            "trust", new double[] {-0.10, -0.30},
            "communication", new double[] {-0.20, -0.25},
            "shared-purpose", new double[] {0.15, -0.10});

    /** The average change per group and subscale, in scale points: managers, clinicians. */
    private static final Map<String, double[]> CHANGE = Map.of(
            "understanding", new double[] {0.25, 0.55},
            "trust", new double[] {0.12, 0.12},
            "communication", new double[] {0.30, 0.25},
            "shared-purpose", new double[] {0.20, 0.30});
    private static final double[] OTHER_CHANGE = {0.15, 0.15};

    /** How much lower learners, looking back, rate where they started (response shift). */
    private static final Map<String, Double> SHIFT = Map.of("understanding", 0.30);
    private static final double OTHER_SHIFT = 0.15;

    private static final String[] COMMENTS = {
        "Regular joint huddles where both sides bring their numbers and their worries.",
        "Managers spending time on the wards, and clinicians in the budget meetings.",
        "Being told early when a decision is coming, not after it has been made.",
        "Fewer emails and more conversations.",
        "Sharing the same data instead of arguing about whose data is right.",
    };

    /** Which forms a learner submitted. */
    public enum Participation { BOTH, PRE_ONLY, POST_ONLY }

    private final ProfessionalGroup group;
    private final boolean consented;
    private final Participation participation;
    private final AssessmentResponse pre;
    private final AssessmentResponse post;

    private DemoRespondent(ProfessionalGroup group, boolean consented, Participation participation, AssessmentResponse pre,
                           AssessmentResponse post) {
        this.group = group;
        this.consented = consented;
        this.participation = participation;
        this.pre = pre;
        this.post = post;
    }

    /**
     * Draws one learner of {@code group} answering {@code instrument}. Both forms are always drawn
     * (so a person is the same whatever their participation); {@link #participation()} says which
     * of them the learner submitted.
     */
    public static DemoRespondent draw(Instrument instrument, ProfessionalGroup group, Random random) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(group, "group");
        double u = random.nextDouble();
        Participation participation = u < PRE_ONLY ? Participation.PRE_ONLY
                : u < PRE_ONLY + POST_ONLY ? Participation.POST_ONLY : Participation.BOTH;
        boolean consented = random.nextDouble() < CONSENT;
        int column = group == ProfessionalGroup.MANAGER ? 0 : 1;

        Scale scale = instrument.scale();
        double middle = (scale.min() + scale.max()) / 2.0;
        double unit = (scale.max() - scale.min()) / 4.0; // the model is in points of a five-point scale
        double general = random.nextGaussian() * 0.55;
        double personalChange = random.nextGaussian() * 0.30;

        Map<String, Integer> before = new LinkedHashMap<>();
        Map<String, Integer> after = new LinkedHashMap<>();
        Map<String, Integer> then = new LinkedHashMap<>();
        double changeSum = 0;
        for (Subscale subscale : instrument.subscales()) {
            double start = START.getOrDefault(subscale.id(), new double[2])[column] + general + random.nextGaussian() * 0.35;
            double change = CHANGE.getOrDefault(subscale.id(), OTHER_CHANGE)[column] + personalChange
                    + random.nextGaussian() * 0.25;
            double shift = SHIFT.getOrDefault(subscale.id(), OTHER_SHIFT);
            changeSum += change;
            for (Item item : subscale.items()) {
                // an item's own pull (wording) stays from pre to post; the rest of the noise is fresh
                double itemNoise = random.nextGaussian() * 0.45;
                before.put(item.id(), answer(scale, item, middle + unit * (start + itemNoise + random.nextGaussian() * 0.45)));
                after.put(item.id(), answer(scale, item,
                        middle + unit * (start + change + itemNoise + random.nextGaussian() * 0.45)));
                then.put(item.id(), answer(scale, item,
                        middle + unit * (start - shift + itemNoise + random.nextGaussian() * 0.40)));
            }
        }
        double meanChange = instrument.subscales().isEmpty() ? 0 : changeSum / instrument.subscales().size();
        double outlookBefore = general * 0.8 - 0.1 + random.nextGaussian() * 0.8;
        double outlookAfter = outlookBefore + 0.25 + meanChange * 0.8 + random.nextGaussian() * 0.4;
        Optional<String> comment = random.nextDouble() < 0.10
                ? Optional.of(COMMENTS[random.nextInt(COMMENTS.length)]) : Optional.empty();

        AssessmentResponse pre = AssessmentResponse.restore(instrument, Phase.PRE, before, Map.of(),
                outlook(instrument, outlookBefore), null);
        AssessmentResponse post = AssessmentResponse.restore(instrument, Phase.POST, after,
                instrument.thenTest() ? then : Map.of(), outlook(instrument, outlookAfter),
                instrument.freeTextPrompt() == null ? null : comment.orElse(null));
        return new DemoRespondent(group, consented, participation, pre, post);
    }

    /**
     * The random numbers for one person: {@code java.util.Random} seeded through a mixing step, since
     * neighbouring seeds given to it straight start out correlated (the first draws of
     * {@code new Random(1)}, {@code new Random(2)}, … are nearly equal, and everyone would take part
     * alike).
     */
    public static Random randomFor(long personSeed) {
        return new Random(new SplittableRandom(personSeed).nextLong());
    }

    /** The raw answer of someone whose agreement with the subscale is {@code agreement}. */
    private static int answer(Scale scale, Item item, double agreement) {
        int agreed = (int) Math.max(scale.min(), Math.min(scale.max(), Math.round(agreement)));
        return item.reverse() ? scale.min() + scale.max() - agreed : agreed;
    }

    /**
     * The outlook option for a latent optimism: options run from the most hopeful (first) to the
     * least, and each is about equally likely for a neutral person.
     */
    private static Integer outlook(Instrument instrument, double optimism) {
        if (instrument.outlook() == null) {
            return null;
        }
        List<String> options = instrument.outlook().options();
        int option = (int) Math.floor((1 - STANDARD_NORMAL.cumulativeProbability(optimism)) * options.size());
        return Math.max(0, Math.min(options.size() - 1, option));
    }

    public ProfessionalGroup group() {
        return group;
    }

    public boolean consented() {
        return consented;
    }

    public Participation participation() {
        return participation;
    }

    /** Whether the learner submitted the form of this phase. */
    public boolean submitted(Phase phase) {
        return phase == Phase.PRE ? participation != Participation.POST_ONLY : participation != Participation.PRE_ONLY;
    }

    /** The complete form of a phase, whether or not the learner submitted it. */
    public AssessmentResponse response(Phase phase) {
        return phase == Phase.PRE ? pre : post;
    }
}
