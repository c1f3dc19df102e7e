package org.tandem.evaluation.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.catalogue.entity.Item;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.control.AttemptStates;
import org.tandem.learning.control.InvalidAnswer;
import org.tandem.learning.entity.Phase;

/**
 * Reads the answers an assessment attempt stored (the JSON {@link AttemptStates#of(AssessmentResponse)}
 * writes) in one pass, under the same rules as {@link AttemptStates#assessment}: every answer must
 * be an item of the instrument and on its scale, then-ratings only on the post form of an
 * instrument with a then-test, the outlook one of its options, free text only where asked and not
 * too long; anything else refuses the whole response.
 * <p>
 * Why not {@link AttemptStates#assessment} itself: it replays every answer through
 * {@link AssessmentResponse}, which copies and re-orders its maps and looks the item up in a new
 * list on each answer, so one response costs in the square of its items. For one learner's page
 * that is nothing; for the programme view's 20,000 attempts it is about 1.2 s of a 2 s budget
 * (JSON parsing is 0.05 s). A test holds this reader to the same answers and the same refusals.
 */
final class StoredAssessment {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answers of one stored response. */
    record Answers(Map<String, Integer> answers, Map<String, Integer> thenAnswers, OptionalInt outlook, Optional<String> freeText) {
    }

    private final Instrument instrument;
    private final InstrumentIdentity identity;
    private final Map<String, Item> items;

    StoredAssessment(Instrument instrument) {
        this.instrument = instrument;
        this.identity = PackJson.identity(instrument);
        this.items = new HashMap<>();
        for (Item item : instrument.items()) {
            items.put(item.id(), item);
        }
    }

    /**
     * @throws InvalidAnswer         if the stored answers do not fit the instrument
     * @throws IllegalStateException if the stored state is not JSON
     */
    Answers read(Phase phase, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attempt state is not JSON", e);
        }
        Map<String, Integer> answers = answers(node.path("answers"));
        Map<String, Integer> then = answers(node.path("then"));
        if (!then.isEmpty() && !(instrument.thenTest() && phase == Phase.POST)) {
            throw new InvalidAnswer("then-ratings on a form that asks for none");
        }
        OptionalInt outlook = OptionalInt.empty();
        if (node.hasNonNull("outlook")) {
            int option = node.get("outlook").asInt();
            if (instrument.outlook() == null || option < 0 || option >= instrument.outlook().options().size()) {
                throw new InvalidAnswer("outlook option " + option + " is not one of the instrument's");
            }
            outlook = OptionalInt.of(option);
        }
        Optional<String> freeText = Optional.empty();
        if (node.hasNonNull("free_text")) {
            String text = node.get("free_text").asText();
            if (!text.isBlank() && (instrument.freeTextPrompt() == null
                    || text.codePointCount(0, text.length()) > AssessmentResponse.MAX_FREE_TEXT_LENGTH)) {
                throw new InvalidAnswer("free text the instrument does not take");
            }
            freeText = text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        return new Answers(answers, then, outlook, freeText);
    }

    private Map<String, Integer> answers(JsonNode object) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            int value = field.getValue().asInt();
            if (!items.containsKey(field.getKey())) {
                throw new InvalidAnswer("no item '" + field.getKey() + "'");
            }
            if (!instrument.scale().contains(value)) {
                throw new InvalidAnswer("answer " + value + " to item '" + field.getKey() + "' is off the scale");
            }
            answers.put(field.getKey(), value);
        }
        return answers;
    }

    Instrument instrument() {
        return instrument;
    }

    /** The identity (id, version, content hash) of the instrument these answers are read against. */
    InstrumentIdentity identity() {
        return identity;
    }
}
