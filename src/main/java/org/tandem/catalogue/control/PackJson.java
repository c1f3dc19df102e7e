package org.tandem.catalogue.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;

/**
 * The mapping between pack files and the content records (snake_case keys, seats in lower case)
 * and the canonical JSON a pack version is stored as. Canonical means: record component order,
 * map keys sorted, absent optional fields left out — so the same content always gives the same
 * text and the same hash, however the YAML was laid out.
 */
public final class PackJson {

    static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();

    private PackJson() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                // a key written twice is an authoring mistake, not "last one wins"
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The canonical JSON of a pack. */
    public static String toJson(ContentPack pack) {
        try {
            return JSON.writeValueAsString(pack);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content pack " + pack.id() + " cannot be written as JSON", e);
        }
    }

    public static ContentPack fromJson(String json) {
        try {
            return JSON.readValue(json, ContentPack.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content pack JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An instrument's identity: id, version and the SHA-256 of its canonical JSON, the whole of it
     * (questions and instructions too, not only what scoring reads: the same numbers against
     * other questions are other data).
     */
    public static InstrumentIdentity identity(Instrument instrument) {
        try {
            return new InstrumentIdentity(instrument.id(), instrument.version(), hash(JSON.writeValueAsString(instrument)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("instrument " + instrument.id() + " cannot be written as JSON", e);
        }
    }

    /** SHA-256 (hex) of the canonical JSON: identical content, identical hash. */
    public static String hash(String canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
