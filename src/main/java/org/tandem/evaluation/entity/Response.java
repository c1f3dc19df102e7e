package org.tandem.evaluation.entity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * One submitted pre or post response as evaluation sees it: pseudonymous and carrying the
 * learner's consent decision. Answers are as given; reverse scoring happens when scoring.
 *
 * @param learnerKey        pseudonymous learner key, stable within a deployment (never a name or
 *                          an LMS user id)
 * @param group             the learner's professional group
 * @param consented         whether the learner agreed to this response being used for evaluation
 * @param instrument        the instrument answered (id, version and content hash); pre and post
 *                          match only on the same, and responses to different contents are never
 *                          pooled, whatever their id and version
 * @param answers           item id → Likert answer; missing items are simply absent
 * @param thenAnswers       item id → retrospective "then" rating, given on the post form of an
 *                          instrument with a then-test; empty otherwise (and ignored on pre forms)
 * @param outlook           the chosen option of the outlook item (index into its options), if any
 * @param submitted         when the response was submitted: of several responses by one learner
 *                          to one phase, the latest counts
 * @param freeText          the answer to the instrument's free-text question, if one was written
 */
public record Response(String learnerKey, ProfessionalGroup group, boolean consented, Phase phase,
                       InstrumentIdentity instrument, Map<String, Integer> answers, Map<String, Integer> thenAnswers,
                       OptionalInt outlook, Instant submitted, Optional<String> freeText) {

    public Response {
        Objects.requireNonNull(learnerKey, "learnerKey");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(submitted, "submitted");
        answers = Map.copyOf(answers);
        thenAnswers = thenAnswers == null ? Map.of() : Map.copyOf(thenAnswers);
        outlook = outlook == null ? OptionalInt.empty() : outlook;
        freeText = freeText == null ? Optional.empty() : freeText.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A response without a free-text answer. */
    public Response(String learnerKey, ProfessionalGroup group, boolean consented, Phase phase, InstrumentIdentity instrument,
                    Map<String, Integer> answers, Map<String, Integer> thenAnswers, OptionalInt outlook, Instant submitted) {
        this(learnerKey, group, consented, phase, instrument, answers, thenAnswers, outlook, submitted, Optional.empty());
    }

    /** The version of the instrument answered. */
    public int instrumentVersion() {
        return instrument.version();
    }
}
