package org.tandem.learning.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.learning.entity.Phase;

/**
 * What an attempt stores: only the learner's own input (answers, choices, reflections), as JSON.
 * Progress is rebuilt from it with the same rules that accepted it, against the pinned content.
 */
public final class AttemptStates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttemptStates() {
    }

    public static String of(ModuleProgress progress) {
        ObjectNode node = JSON.createObjectNode();
        node.put("section", progress.sectionIndex());
        ObjectNode answers = node.putObject("answers");
        progress.answers().forEach(answers::put);
        ObjectNode reflections = node.putObject("reflections");
        progress.reflections().forEach(reflections::put);
        return node.toString();
    }

    public static ModuleProgress module(Module module, String json) {
        JsonNode node = read(json);
        if (!node.has("section")) {
            return ModuleProgress.start(module);
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        node.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asInt()));
        Map<String, String> reflections = new LinkedHashMap<>();
        node.path("reflections").fields().forEachRemaining(e -> reflections.put(e.getKey(), e.getValue().asText()));
        return ModuleProgress.restore(module, node.path("section").asInt(), answers, reflections);
    }

    public static String of(ScenarioPlay play) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode choices = node.putArray("choices");
        play.choiceIds().forEach(choices::add);
        return node.toString();
    }

    public static ScenarioPlay scenario(Scenario scenario, String json) {
        return ScenarioPlay.replay(scenario, choices(json));
    }

    public static List<String> choices(String json) {
        List<String> choices = new ArrayList<>();
        read(json).path("choices").forEach(c -> choices.add(c.asText()));
        return choices;
    }

    public static String of(AssessmentResponse response) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode answers = node.putObject("answers");
        response.answers().forEach(answers::put);
        ObjectNode then = node.putObject("then");
        response.thenAnswers().forEach(then::put);
        response.outlook().ifPresent(o -> node.put("outlook", o));
        response.freeText().ifPresent(t -> node.put("free_text", t));
        return node.toString();
    }

    public static AssessmentResponse assessment(Instrument instrument, Phase phase, String json) {
        JsonNode node = read(json);
        Map<String, Integer> answers = new LinkedHashMap<>();
        node.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> then = new LinkedHashMap<>();
        node.path("then").fields().forEachRemaining(e -> then.put(e.getKey(), e.getValue().asInt()));
        Integer outlook = node.hasNonNull("outlook") ? node.get("outlook").asInt() : null;
        String freeText = node.hasNonNull("free_text") ? node.get("free_text").asText() : null;
        return AssessmentResponse.restore(instrument, phase, answers, then, outlook, freeText);
    }

    public static String empty() {
        return "{}";
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attempt state is not JSON", e);
        }
    }
}
