package org.tandem.paired.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandem.catalogue.control.PackRejected;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.paired.entity.PairedCase;

/**
 * The paired scenarios Tandem offers: the cases under {@code content/paired/} (listed in its
 * {@code cases.txt}), each validated against {@code paired.schema.json} and then against the rules
 * a schema cannot say (unique decision and option ids). A broken case stops the start, with every
 * problem named by file and JSON path, like a broken content pack.
 */
@ApplicationScoped
public class PairedCases {

    static final String SCHEMA_ID = "https://tandem.invalid/content/schema/paired.schema.json";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JsonSchema schema;
    private final Map<String, PairedCase> cases = new LinkedHashMap<>();

    public PairedCases() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(SCHEMA_ID,
                        resource("content/schema/paired.schema.json")))));
        schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build());
        schema.initializeValidators();
        for (String line : resource("content/paired/cases.txt").split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                PairedCase read = read(name, resource("content/paired/" + name).getBytes(StandardCharsets.UTF_8));
                cases.put(read.id(), read);
            }
        }
    }

    /** Every case, in the order cases.txt lists them. */
    public List<PairedCase> all() {
        return List.copyOf(cases.values());
    }

    public Optional<PairedCase> find(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    /** Reads and checks one case file; every problem at once, or the case. */
    public PairedCase read(String file, byte[] yaml) {
        List<PackProblem> problems = new ArrayList<>();
        JsonNode node;
        try {
            node = YAML.readTree(yaml);
        } catch (IOException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new PackRejected(new PackProblem(file, "$", "not valid YAML: " + why));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new PackRejected(new PackProblem(file, "$", "the file is empty"));
        }
        schema.validate(node).stream().sorted(Comparator.comparing(ValidationMessage::getInstanceLocation))
                .forEach(m -> problems.add(new PackProblem(file, m.getInstanceLocation().toString(), m.getError())));
        if (!problems.isEmpty()) {
            throw new PackRejected(problems);
        }
        PairedCase pairedCase;
        try {
            pairedCase = YAML.treeToValue(node, PairedCase.class);
        } catch (JacksonException e) {
            throw new PackRejected(new PackProblem(file, "$", e.getOriginalMessage()));
        }
        Set<String> decisionIds = new HashSet<>();
        for (int i = 0; i < pairedCase.decisions().size(); i++) {
            PairedCase.Decision decision = pairedCase.decisions().get(i);
            if (!decisionIds.add(decision.id())) {
                problems.add(new PackProblem(file, "$.decisions[" + i + "].id", "decision id '" + decision.id() + "' is used twice"));
            }
            Set<String> optionIds = new HashSet<>();
            for (int j = 0; j < decision.options().size(); j++) {
                if (!optionIds.add(decision.options().get(j).id())) {
                    problems.add(new PackProblem(file, "$.decisions[" + i + "].options[" + j + "].id",
                            "option id '" + decision.options().get(j).id() + "' is used twice in decision '" + decision.id() + "'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PackRejected(problems);
        }
        return pairedCase;
    }

    private static String resource(String name) {
        try (InputStream in = PairedCases.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
