package org.tandem.evaluation.control;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * What learners wrote in answer to the instrument's free-text question ("What one change…?"),
 * for evaluators: the counted responses of consenting learners only (those the matching does not
 * exclude, whether matched or not), before and after, by professional group. A group whose
 * answers come from fewer learners than the minimum is withheld whole, with the reason: a few
 * answers of a named group are a few identifiable people.
 * <p>
 * Answers are sorted alphabetically within a group, never by who or when, and carry no pseudonym:
 * joined to the learner-level export they would attach words to a row of scores.
 */
public final class FreeTextAnswers {

    /** One answer as shown and exported. */
    public record Answer(Phase phase, ProfessionalGroup group, String text) {
    }

    private static final String ANSWERED = "learners who answered it";

    private final Optional<String> prompt;
    private final Map<Phase, Map<ProfessionalGroup, Outcome<List<Answer>>>> answers;

    private FreeTextAnswers(Optional<String> prompt, Map<Phase, Map<ProfessionalGroup, Outcome<List<Answer>>>> answers) {
        this.prompt = prompt;
        this.answers = answers;
    }

    public static FreeTextAnswers of(EvaluationReport report) {
        Optional<String> prompt = Optional.ofNullable(report.instrument().freeTextPrompt()).map(String::strip);
        Map<Phase, Map<ProfessionalGroup, List<Answer>>> written = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            Map<ProfessionalGroup, List<Answer>> byGroup = new EnumMap<>(ProfessionalGroup.class);
            for (ProfessionalGroup group : ProfessionalGroup.values()) {
                byGroup.put(group, new ArrayList<>());
            }
            written.put(phase, byGroup);
        }
        if (prompt.isPresent()) {
            for (Response response : report.matching().consentedResponses()) {
                response.freeText().ifPresent(text -> written.get(response.phase()).get(response.group())
                        .add(new Answer(response.phase(), response.group(), text)));
            }
        }
        Collator collator = Collator.getInstance(Locale.UK);
        Suppression suppression = report.suppression();
        Map<Phase, Map<ProfessionalGroup, Outcome<List<Answer>>>> answers = new EnumMap<>(Phase.class);
        written.forEach((phase, byGroup) -> {
            Map<ProfessionalGroup, Outcome<List<Answer>>> outcomes = new EnumMap<>(ProfessionalGroup.class);
            byGroup.forEach((group, list) -> {
                if (list.isEmpty() || suppression.allows(list.size())) {
                    list.sort((a, b) -> collator.compare(a.text(), b.text()));
                    outcomes.put(group, Outcome.of(Collections.unmodifiableList(list)));
                } else {
                    outcomes.put(group, Outcome.suppressed(suppression.reason(ANSWERED)));
                }
            });
            answers.put(phase, Collections.unmodifiableMap(outcomes));
        });
        return new FreeTextAnswers(prompt, Collections.unmodifiableMap(answers));
    }

    /** The question; empty when the instrument asks none. */
    public Optional<String> prompt() {
        return prompt;
    }

    /** One group's answers on one form, or why they are withheld. Each answer is one learner's. */
    public Outcome<List<Answer>> answers(Phase phase, ProfessionalGroup group) {
        return answers.get(phase).get(group);
    }

    /** Every answer that may be shown: after the programme first, then before; managers, clinicians, others. */
    public List<Answer> shown() {
        List<Answer> shown = new ArrayList<>();
        for (Phase phase : List.of(Phase.POST, Phase.PRE)) {
            for (ProfessionalGroup group : ProfessionalGroup.values()) {
                answers(phase, group).value().ifPresent(shown::addAll);
            }
        }
        return shown;
    }

    /** The CSV of {@link #shown()}: phase, group, answer; through {@link Csv} and its formula guard. */
    public String csv() {
        Csv csv = new Csv().text("phase").text("group").text("answer").endRow();
        for (Answer answer : shown()) {
            csv.text(answer.phase().name().toLowerCase(Locale.ROOT)).text(answer.group().name().toLowerCase(Locale.ROOT))
                    .text(answer.text()).endRow();
        }
        return csv.toString();
    }
}
