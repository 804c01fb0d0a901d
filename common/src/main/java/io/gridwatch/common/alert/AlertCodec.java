package io.gridwatch.common.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of an {@link Alert}: the {@code gridwatch.alerts} record value and the {@code gridwatch-alerts} document. */
public final class AlertCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AlertCodec() {}

    public static byte[] encode(Alert alert) {
        try {
            return MAPPER.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert always serializes", e);
        }
    }

    /** Reads an alert back; unknown fields (lifecycle fields added by later stages) are ignored. */
    public static Alert decode(byte[] json) {
        try {
            return MAPPER.readValue(json, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an alert: " + e.getMessage(), e);
        }
    }
}
