package org.tandem.learning.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tandem.catalogue.entity.KnowledgeCheck;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Section;

/**
 * A learner's way through a joint module: the section they are on, their answers to knowledge
 * checks (final once given) and their reflections. Immutable.
 */
public final class ModuleProgress {

    /** Reflections are kept, not essays; the limit is in characters (code points), as a database counts them. */
    public static final int MAX_REFLECTION_LENGTH = 4000;

    private final Module module;
    private final int sectionIndex;
    private final Map<String, Integer> answers;
    private final Map<String, String> reflections;

    private ModuleProgress(Module module, int sectionIndex, Map<String, Integer> answers, Map<String, String> reflections) {
        this.module = module;
        this.sectionIndex = sectionIndex;
        this.answers = Collections.unmodifiableMap(inSectionOrder(module, answers));
        this.reflections = Collections.unmodifiableMap(inSectionOrder(module, reflections));
    }

    /** Progress at the first section, nothing answered. */
    public static ModuleProgress start(Module module) {
        Objects.requireNonNull(module, "module");
        return new ModuleProgress(module, 0, Map.of(), Map.of());
    }

    /**
     * Rebuilds stored progress by going through it again under the same rules, so stored progress
     * that no longer fits the module is refused rather than trusted.
     *
     * @throws InvalidAnswer if the stored progress does not fit the module
     */
    public static ModuleProgress restore(Module module, int sectionIndex, Map<String, Integer> answers,
                                         Map<String, String> reflections) {
        if (sectionIndex < 0 || sectionIndex > module.sections().size()) {
            throw new InvalidAnswer("Module '" + module.id() + "' has " + module.sections().size()
                    + " sections; stored position " + sectionIndex + " is outside it");
        }
        for (String sectionId : answers.keySet()) {
            requireReached(module, sectionId, sectionIndex);
        }
        for (String sectionId : reflections.keySet()) {
            requireReached(module, sectionId, sectionIndex);
        }
        ModuleProgress progress = start(module);
        for (int i = 0; i <= sectionIndex && i < module.sections().size(); i++) {
            String sectionId = module.sections().get(i).id();
            if (answers.containsKey(sectionId)) {
                progress = progress.answer(sectionId, answers.get(sectionId));
            }
            if (reflections.containsKey(sectionId)) {
                progress = progress.reflect(sectionId, reflections.get(sectionId));
            }
            if (i < sectionIndex) {
                progress = progress.advance();
            }
        }
        return progress;
    }

    /**
     * Answers the knowledge check of a section the learner has reached. Answers are final.
     *
     * @throws InvalidAnswer if the section is unknown, not reached yet, has no check, is already
     *                       answered, or the option is not one of the check's
     */
    public ModuleProgress answer(String sectionId, int option) {
        Section section = reached(sectionId);
        KnowledgeCheck check = section.check();
        if (check == null) {
            throw new InvalidAnswer("Section '" + sectionId + "' has no knowledge check to answer");
        }
        if (answers.containsKey(sectionId)) {
            throw new InvalidAnswer("The knowledge check of section '" + sectionId + "' is already answered; answers are final");
        }
        if (option < 0 || option >= check.options().size()) {
            throw new InvalidAnswer("The knowledge check of section '" + sectionId + "' has options 0 to "
                    + (check.options().size() - 1) + "; " + option + " is not one of them");
        }
        Map<String, Integer> more = new LinkedHashMap<>(answers);
        more.put(sectionId, option);
        return new ModuleProgress(module, sectionIndex, more, reflections);
    }

    /**
     * Keeps (or replaces) the learner's reflection on a section reached; blank text removes it.
     *
     * @throws InvalidAnswer if the section is unknown, not reached yet, asks for no reflection, or
     *                       the text is longer than {@value #MAX_REFLECTION_LENGTH} characters
     */
    public ModuleProgress reflect(String sectionId, String text) {
        Section section = reached(sectionId);
        if (section.reflection() == null) {
            throw new InvalidAnswer("Section '" + sectionId + "' asks for no reflection");
        }
        Map<String, String> changed = new LinkedHashMap<>(reflections);
        if (text == null || text.isBlank()) {
            changed.remove(sectionId);
        } else {
            int length = text.codePointCount(0, text.length());
            if (length > MAX_REFLECTION_LENGTH) {
                throw new InvalidAnswer("A reflection may be " + MAX_REFLECTION_LENGTH + " characters long; this one has " + length);
            }
            changed.put(sectionId, text);
        }
        return new ModuleProgress(module, sectionIndex, answers, changed);
    }

    /**
     * Moves to the next section (or past the last one, completing the module).
     *
     * @throws InvalidAnswer if the module is completed or the current section's check is unanswered
     */
    public ModuleProgress advance() {
        Section current = currentSection().orElseThrow(() -> new InvalidAnswer(
                "Module '" + module.id() + "' is completed; there is no section to move on from"));
        if (current.check() != null && !answers.containsKey(current.id())) {
            throw new InvalidAnswer("Answer the knowledge check of section '" + current.id() + "' before moving on");
        }
        return new ModuleProgress(module, sectionIndex + 1, answers, reflections);
    }

    public Module module() {
        return module;
    }

    /** Index of the current section; equals the number of sections once completed. */
    public int sectionIndex() {
        return sectionIndex;
    }

    /** The section the learner is on; empty once completed. */
    public Optional<Section> currentSection() {
        return completed() ? Optional.empty() : Optional.of(module.sections().get(sectionIndex));
    }

    public boolean completed() {
        return sectionIndex >= module.sections().size();
    }

    /** Section id → chosen option index, in section order. */
    public Map<String, Integer> answers() {
        return answers;
    }

    /** Section id → reflection text, in section order. */
    public Map<String, String> reflections() {
        return reflections;
    }

    /** Share of the module's knowledge checks answered correctly (unanswered count as wrong); 1 when it has none. */
    public double score() {
        long checks = module.knowledgeChecks();
        if (checks == 0) {
            return 1.0;
        }
        long correct = feedback().stream().filter(CheckFeedback::correct).count();
        return (double) correct / checks;
    }

    /** Feedback on the check of a section, once answered. */
    public Optional<CheckFeedback> feedback(String sectionId) {
        Integer chosen = answers.get(sectionId);
        if (chosen == null) {
            return Optional.empty();
        }
        KnowledgeCheck check = section(module, sectionId).orElseThrow().check();
        return Optional.of(new CheckFeedback(sectionId, chosen, check.correct(), check.explanation()));
    }

    /** Feedback on every answered check, in section order. */
    public List<CheckFeedback> feedback() {
        return answers.keySet().stream().map(id -> feedback(id).orElseThrow()).toList();
    }

    private Section reached(String sectionId) {
        requireReached(module, sectionId, sectionIndex);
        return section(module, sectionId).orElseThrow();
    }

    private static void requireReached(Module module, String sectionId, int sectionIndex) {
        int index = indexOf(module, sectionId);
        if (index < 0) {
            throw new InvalidAnswer("Module '" + module.id() + "' has no section '" + sectionId + "'");
        }
        if (index > sectionIndex) {
            throw new InvalidAnswer("Section '" + sectionId + "' is not reached yet");
        }
    }

    private static int indexOf(Module module, String sectionId) {
        List<Section> sections = module.sections();
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).id().equals(sectionId)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Section> section(Module module, String sectionId) {
        return module.sections().stream().filter(s -> s.id().equals(sectionId)).findFirst();
    }

    private static <V> Map<String, V> inSectionOrder(Module module, Map<String, V> bySection) {
        Map<String, V> ordered = new LinkedHashMap<>();
        for (Section section : module.sections()) {
            V value = bySection.get(section.id());
            if (value != null) {
                ordered.put(section.id(), value);
            }
        }
        return ordered;
    }
}
