package org.tandem.evaluation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.InvalidAnswer;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * The completed assessments in an evaluation scope, as evaluation reads them: which instruments
 * were answered there ({@link #answered}), and the responses to one of them ({@link #collect}),
 * pseudonymous, with the learner's professional group and consent as their profile holds them now
 * (consent withdrawn later takes earlier answers out of the evaluation too).
 * <p>
 * Two queries, whatever the number of learners: the completed attempts, scoped by platform and
 * deployment (and the course, unless the programme view is asked for), and the profiles of that
 * deployment, joined here by subject. A join in SQL is one query fewer, but PostgreSQL without
 * fresh statistics (right after a large import) plans it as a nested loop over every profile of
 * the deployment for every attempt: 19 s instead of 0.4 s for 10,000 learners. A hash join in
 * memory costs the same on any plan. The queries select the columns evaluation needs rather than
 * entities (twenty thousand managed attempts would cost more than the analysis), in SQL plain
 * enough for H2 and PostgreSQL alike.
 * <p>
 * Each attempt's stored answers are read against the instrument of the pack version it pinned
 * ({@link StoredAssessment}), and carry that instrument's identity: id, version and content hash.
 * A pack version never changes, so the pinned pack names the content answered exactly; two
 * contents that once shared an id and version stay apart. Content packs come from the
 * {@link Catalogue}, which parses each version once.
 */
@ApplicationScoped
public class ProgrammeResponses {

    private static final Logger LOG = Logger.getLogger(ProgrammeResponses.class.getName());

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    Pseudonyms pseudonyms;

    public ProgrammeResponses() {
    }

    /** For tests outside a container. */
    public ProgrammeResponses(EntityManager em, Catalogue catalogue, Pseudonyms pseudonyms) {
        this.em = em;
        this.catalogue = catalogue;
        this.pseudonyms = pseudonyms;
    }

    /** One completed attempt with its learner's profile (group and consent), if any. */
    public record Row(String subject, String phase, String packId, int packVersion, String stateJson, Instant completedAt,
                      String profileGroup, Boolean consent, String attemptGroup) {
    }

    /**
     * Every instrument with completed responses in the scope, with how many: one query grouped by
     * instrument and pack version, however many learners.
     */
    public AnsweredInstruments answered(EvaluationScope scope) {
        Query grouped = em.createNativeQuery("SELECT a.activity_id, a.pack_id, a.pack_version, COUNT(*) FROM attempt a "
                        + "WHERE a.platform_id = ?1 AND a.deployment_id = ?2 AND a.activity_kind = ?3 AND a.status = ?4 "
                        + "AND a.completed_at IS NOT NULL" + (scope.programme() ? "" : " AND a.context_id = ?5")
                        + " GROUP BY a.activity_id, a.pack_id, a.pack_version")
                .setParameter(1, scope.platformId()).setParameter(2, scope.deploymentId())
                .setParameter(3, ActivityKind.ASSESSMENT.name()).setParameter(4, Attempt.Status.COMPLETED.name());
        scope.contextId().ifPresent(context -> grouped.setParameter(5, context));
        List<Object[]> rows = new ArrayList<>();
        for (Object row : grouped.getResultList()) {
            rows.add((Object[]) row);
        }
        return answered(rows, catalogue::pack);
    }

    /**
     * Rows of instrument id, pack id, pack version and count, merged by the identity of the
     * instrument each pack version carries; rows whose pack or instrument is gone are left out (the
     * instrument's page counts them as unreadable).
     */
    static AnsweredInstruments answered(List<Object[]> rows, BiFunction<String, Integer, Optional<ContentPack>> packs) {
        Map<InstrumentIdentity, AnsweredInstrument> byIdentity = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String instrumentId = (String) row[0];
            String packId = (String) row[1];
            int packVersion = ((Number) row[2]).intValue();
            long count = ((Number) row[3]).longValue();
            packs.apply(packId, packVersion).flatMap(pack -> pack.instrument(instrumentId)).ifPresent(instrument -> {
                InstrumentIdentity identity = PackJson.identity(instrument);
                byIdentity.merge(identity, new AnsweredInstrument(identity, instrument, count, packId, packVersion),
                        (known, more) -> known.plus(more.responses()));
            });
        }
        return AnsweredInstruments.of(byIdentity.values());
    }

    /** The completed responses to instrument {@code instrumentId}, of every version and content. */
    public CollectedResponses collect(EvaluationScope scope, String instrumentId) {
        Pseudonyms.InDeployment keys = pseudonyms.in(scope.platformId(), scope.deploymentId());
        Map<String, String> bySubject = new HashMap<>();
        return assemble(rows(scope, instrumentId), instrumentId, catalogue::pack,
                subject -> bySubject.computeIfAbsent(subject, keys::of));
    }

    List<Row> rows(EvaluationScope scope, String instrumentId) {
        Query attempts = em.createNativeQuery("SELECT a.subject, a.phase, a.pack_id, a.pack_version, a.state_json, a.completed_at, "
                        + "a.professional_group FROM attempt a "
                        + "WHERE a.platform_id = ?1 AND a.deployment_id = ?2 AND a.activity_kind = ?3 AND a.activity_id = ?4 "
                        + "AND a.status = ?5 AND a.completed_at IS NOT NULL"
                        + (scope.programme() ? "" : " AND a.context_id = ?6")
                        + " ORDER BY a.id")
                .setParameter(1, scope.platformId()).setParameter(2, scope.deploymentId())
                .setParameter(3, ActivityKind.ASSESSMENT.name()).setParameter(4, instrumentId)
                .setParameter(5, Attempt.Status.COMPLETED.name());
        scope.contextId().ifPresent(context -> attempts.setParameter(6, context));
        List<?> found = attempts.getResultList();
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, Object[]> profiles = new HashMap<>();
        for (Object result : em.createNativeQuery("SELECT subject, professional_group, consent FROM learner_profile "
                        + "WHERE platform_id = ?1 AND deployment_id = ?2")
                .setParameter(1, scope.platformId()).setParameter(2, scope.deploymentId()).getResultList()) {
            Object[] profile = (Object[]) result;
            profiles.put((String) profile[0], profile);
        }
        List<Row> rows = new ArrayList<>(found.size());
        for (Object result : found) {
            Object[] c = (Object[]) result;
            Object[] profile = profiles.get((String) c[0]);
            rows.add(new Row((String) c[0], (String) c[1], (String) c[2], ((Number) c[3]).intValue(), (String) c[4],
                    Columns.instant(c[5]), profile == null ? null : (String) profile[1],
                    profile == null ? null : Columns.bool(profile[2]), (String) c[6]));
        }
        return rows;
    }

    /**
     * Turns rows into responses: the answers read from each attempt's state against the
     * instrument of the pack version it pinned.
     *
     * @param packs     content pack by id and version
     * @param pseudonym subject → pseudonym
     */
    static CollectedResponses assemble(List<Row> rows, String instrumentId,
                                       BiFunction<String, Integer, Optional<ContentPack>> packs, UnaryOperator<String> pseudonym) {
        Map<String, Optional<StoredAssessment>> instruments = new HashMap<>();
        Map<InstrumentIdentity, Instrument> answered = new LinkedHashMap<>();
        List<Response> responses = new ArrayList<>(rows.size());
        int unreadable = 0;
        for (Row row : rows) {
            Optional<StoredAssessment> reader = instruments.computeIfAbsent(row.packId() + "\u0000" + row.packVersion(),
                    key -> packs.apply(row.packId(), row.packVersion()).flatMap(pack -> pack.instrument(instrumentId))
                            .map(StoredAssessment::new));
            Optional<Phase> phase = Phase.fromParameter(row.phase());
            if (reader.isEmpty() || phase.isEmpty()) {
                unreadable++;
                continue;
            }
            Instrument instrument = reader.get().instrument();
            StoredAssessment.Answers answers;
            try {
                answers = reader.get().read(phase.get(), row.stateJson());
            } catch (InvalidAnswer | IllegalStateException e) {
                LOG.warning(() -> "an assessment attempt of " + instrumentId + " could not be read for evaluation: " + e.getMessage());
                unreadable++;
                continue;
            }
            answered.putIfAbsent(reader.get().identity(), instrument);
            responses.add(new Response(pseudonym.apply(row.subject()), group(row), Boolean.TRUE.equals(row.consent()), phase.get(),
                    reader.get().identity(), answers.answers(), answers.thenAnswers(), answers.outlook(), row.completedAt(),
                    answers.freeText()));
        }
        return new CollectedResponses(responses, answered, unreadable);
    }

    /** The group the learner's profile gives now; the group they started the attempt in if the profile has none. */
    private static ProfessionalGroup group(Row row) {
        for (String name : new String[] {row.profileGroup(), row.attemptGroup()}) {
            if (name != null) {
                try {
                    return ProfessionalGroup.valueOf(name);
                } catch (IllegalArgumentException e) {
                    // an unknown stored value: try the next source
                }
            }
        }
        return ProfessionalGroup.OTHER;
    }
}
