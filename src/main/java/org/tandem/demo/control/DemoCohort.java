package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Learner;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.RegistrationSource;

/**
 * A generated cohort of demo learners in the demo course, so that an evaluator has a programme to
 * evaluate: managers and clinicians with profiles (group from the launch, consent from about 90 %)
 * and submitted pre and post assessments of the starter pack's relationship instrument, stored
 * exactly as the learner pages store them. See {@link DemoRespondent} for how they answer.
 * <p>
 * Generating replaces the previous cohort (every learner whose subject starts with
 * {@value #SUBJECT_PREFIX} on this demo platform) and is reproducible: learner <i>i</i> of a
 * group is the same person in every cohort. Rows are written in batches and the persistence
 * context is cleared between them, so ten thousand learners take seconds. Only ever writes to a
 * demo platform, and only while the demo is on. Callers own the transaction.
 */
@ApplicationScoped
public class DemoCohort {

    public static final String SUBJECT_PREFIX = "demo-cohort-";
    /** The instrument the cohort answers, from the starter pack. */
    public static final String INSTRUMENT = "relationship";
    public static final String PACK = "starter";
    /** More than any demonstration needs, few enough to stay a demonstration. */
    public static final int MAX_PER_GROUP = 50_000;

    private static final long SEED = 20_261_126L;
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    DemoPlatform demo;

    @Inject
    Catalogue catalogue;

    Clock clock = Clock.systemUTC();

    /** What a generation wrote and removed. */
    public record Generated(int managers, int clinicians, int consented, int preAttempts, int postAttempts, int matched,
                            int preOnly, int postOnly, int removedProfiles, int removedAttempts, String packId,
                            int packVersion, Duration took) {

        public int learners() {
            return managers + clinicians;
        }
    }

    /** The cohort there is now: learners per group and submitted assessments per phase. */
    public record Current(Map<ProfessionalGroup, Long> learners, Map<Phase, Long> assessments) {

        public long learners(ProfessionalGroup group) {
            return learners.getOrDefault(group, 0L);
        }

        public long assessments(Phase phase) {
            return assessments.getOrDefault(phase, 0L);
        }

        public boolean empty() {
            return learners.values().stream().mapToLong(Long::longValue).sum() == 0;
        }
    }

    /**
     * Replaces the demo cohort on this demo platform with {@code managers} managers and
     * {@code clinicians} clinicians (0 and 0 removes it).
     *
     * @throws IllegalStateException    when the demo is off, the platform is not the demo platform
     *                                  or the starter pack's instrument is not installed
     * @throws IllegalArgumentException for a size below 0 or above {@link #MAX_PER_GROUP}
     */
    public Generated generate(Platform platform, int managers, int clinicians) {
        if (!demo.enabled()) {
            throw new IllegalStateException("the demo platform is off");
        }
        if (platform.source() != RegistrationSource.DEMO || !DemoPlatform.CLIENT_ID.equals(platform.clientId())) {
            throw new IllegalStateException("a demo cohort goes into the demo platform only, not into " + platform.issuer());
        }
        requireSize(managers, "managers");
        requireSize(clinicians, "clinicians");
        ContentPack pack = catalogue.latest(PACK)
                .orElseThrow(() -> new IllegalStateException("the starter content pack is not installed"));
        Instrument instrument = pack.instrument(INSTRUMENT)
                .orElseThrow(() -> new IllegalStateException("the starter pack has no '" + INSTRUMENT + "' instrument"));
        long started = System.nanoTime();
        long platformId = platform.id();

        int removedAttempts = em.createQuery("delete from Attempt a where a.platformId = :platform "
                        + "and a.deploymentId = :deployment and a.subject like :prefix")
                .setParameter("platform", platformId).setParameter("deployment", DemoPlatform.DEPLOYMENT_ID)
                .setParameter("prefix", SUBJECT_PREFIX + "%").executeUpdate();
        int removedProfiles = em.createQuery("delete from LearnerProfile p where p.platformId = :platform "
                        + "and p.deploymentId = :deployment and p.subject like :prefix")
                .setParameter("platform", platformId).setParameter("deployment", DemoPlatform.DEPLOYMENT_ID)
                .setParameter("prefix", SUBJECT_PREFIX + "%").executeUpdate();

        Writer writer = new Writer(platformId, pack, instrument, clock.instant());
        for (int i = 1; i <= managers; i++) {
            writer.learner(ProfessionalGroup.MANAGER, i);
        }
        for (int i = 1; i <= clinicians; i++) {
            writer.learner(ProfessionalGroup.CLINICIAN, i);
        }
        em.flush();
        em.clear();
        return new Generated(managers, clinicians, writer.consented, writer.pre, writer.post, writer.matched, writer.preOnly,
                writer.postOnly, removedProfiles, removedAttempts, pack.id(), pack.version(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The demo cohort on this demo platform now. */
    public Current current(Platform platform) {
        Map<ProfessionalGroup, Long> learners = new EnumMap<>(ProfessionalGroup.class);
        for (Object[] row : em.createQuery("select p.group, count(p) from LearnerProfile p where p.platformId = :platform "
                        + "and p.deploymentId = :deployment and p.subject like :prefix group by p.group", Object[].class)
                .setParameter("platform", platform.id()).setParameter("deployment", DemoPlatform.DEPLOYMENT_ID)
                .setParameter("prefix", SUBJECT_PREFIX + "%").getResultList()) {
            if (row[0] != null) {
                learners.put((ProfessionalGroup) row[0], ((Number) row[1]).longValue());
            }
        }
        Map<Phase, Long> assessments = new EnumMap<>(Phase.class);
        for (Object[] row : em.createQuery("select a.phase, count(a) from Attempt a where a.platformId = :platform "
                        + "and a.deploymentId = :deployment and a.subject like :prefix and a.kind = :kind "
                        + "and a.status = :completed group by a.phase", Object[].class)
                .setParameter("platform", platform.id()).setParameter("deployment", DemoPlatform.DEPLOYMENT_ID)
                .setParameter("prefix", SUBJECT_PREFIX + "%").setParameter("kind", ActivityKind.ASSESSMENT)
                .setParameter("completed", Attempt.Status.COMPLETED).getResultList()) {
            if (row[0] != null) {
                assessments.put((Phase) row[0], ((Number) row[1]).longValue());
            }
        }
        return new Current(learners, assessments);
    }

    /** The subject of learner {@code i} (from 1) of a group, e.g. {@code demo-cohort-clinician-7}. */
    public static String subject(ProfessionalGroup group, int i) {
        return SUBJECT_PREFIX + group.name().toLowerCase(java.util.Locale.ROOT) + "-" + i;
    }

    /**
     * The random numbers of learner {@code i} of a group: seeded from the person, not from their
     * place in the run, so the same learner answers the same whatever the size of the cohort.
     */
    static Random randomFor(ProfessionalGroup group, int i) {
        return DemoRespondent.randomFor(SEED + group.ordinal() * 1_000_003L + i);
    }

    private static void requireSize(int size, String what) {
        if (size < 0 || size > MAX_PER_GROUP) {
            throw new IllegalArgumentException("the number of " + what + " must be from 0 to " + MAX_PER_GROUP + "; " + size
                    + " was asked for");
        }
    }

    /** Writes learners in batches and counts what it wrote. */
    private final class Writer {

        private final long platformId;
        private final ContentPack pack;
        private final Instrument instrument;
        /** The programme's start: pre forms in its first week, post forms six weeks later. */
        private final Instant programmeStart;
        private int pending;
        private int consented;
        private int pre;
        private int post;
        private int matched;
        private int preOnly;
        private int postOnly;

        Writer(long platformId, ContentPack pack, Instrument instrument, Instant now) {
            this.platformId = platformId;
            this.pack = pack;
            this.instrument = instrument;
            this.programmeStart = now.minus(Duration.ofDays(56));
        }

        void learner(ProfessionalGroup group, int i) {
            Random random = randomFor(group, i);
            DemoRespondent respondent = DemoRespondent.draw(instrument, group, random);
            Learner learner = new Learner(platformId, DemoPlatform.DEPLOYMENT_ID, DemoPlatform.COURSE_ID, subject(group, i));
            Instant preAt = programmeStart.plusSeconds(random.nextInt(7 * 86_400));
            Instant postAt = preAt.plus(Duration.ofDays(42)).plusSeconds(random.nextInt(3 * 86_400));
            Instant firstSeen = (respondent.submitted(Phase.PRE) ? preAt : postAt).minusSeconds(600 + random.nextInt(1200));

            LearnerProfile profile = new LearnerProfile(learner, firstSeen);
            profile.groupFromLaunch(group);
            profile.consent(respondent.consented(), firstSeen.plusSeconds(30));
            persist(profile);
            if (respondent.consented()) {
                consented++;
            }
            if (respondent.submitted(Phase.PRE)) {
                persist(attempt(learner, respondent, Phase.PRE, preAt, random));
                pre++;
            }
            if (respondent.submitted(Phase.POST)) {
                persist(attempt(learner, respondent, Phase.POST, postAt, random));
                post++;
            }
            switch (respondent.participation()) {
                case BOTH -> matched += respondent.consented() ? 1 : 0;
                case PRE_ONLY -> preOnly += respondent.consented() ? 1 : 0;
                case POST_ONLY -> postOnly += respondent.consented() ? 1 : 0;
            }
        }

        /** A submitted attempt, as the assessment page leaves it: completed with score 1.0. */
        private Attempt attempt(Learner learner, DemoRespondent respondent, Phase phase, Instant submitted, Random random) {
            Instant opened = submitted.minusSeconds(240 + random.nextInt(900));
            Attempt attempt = new Attempt(learner, respondent.group(), ActivityKind.ASSESSMENT, INSTRUMENT, phase, pack.id(),
                    pack.version(), null, AttemptStates.empty(), opened);
            attempt.complete(AttemptStates.of(respondent.response(phase)), 1.0, submitted);
            return attempt;
        }

        private void persist(Object entity) {
            em.persist(entity);
            if (++pending == BATCH) {
                em.flush();
                em.clear();
                pending = 0;
            }
        }
    }
}
