package io.gridwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * JSON of small records: the silences and alert lifecycle events staff publish to steer the job, and the scenario
 * labels of simulated histories. Strict: an unknown field is an error, since a misspelt silence scope would silence
 * more than meant.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RecordJson() {}

    public static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a control record always serializes", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: malformed JSON, an unknown field, or a value the
     *     record refuses
     */
    public static <T extends Record> T decode(byte[] json, Class<T> type) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            // Checked before the record is built, so the message names the misspelt field, not what it left unset.
            Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown field '" + name + "', expected one of " + new TreeSet<>(known));
                }
            }
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            throw new IllegalArgumentException(e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage(), e);
        }
    }
}
