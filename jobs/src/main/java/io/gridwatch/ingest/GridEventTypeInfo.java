package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink's type for {@link GridEvent}, an interface Flink would otherwise hand to Kryo: a tag byte and the subtype's
 * POJO serializer ({@link GridEventSerializer}), about five times cheaper per record (see BENCHMARKS.md), and
 * immutable, so chained operators pass events on without copying them. {@link #register} makes every
 * {@code GridEvent} of a job use it, fields of other types included. Changing an event's fields changes its POJO
 * serializer's schema, which Flink's POJO snapshot resolves on restore (fields added or removed).
 */
public final class GridEventTypeInfo extends TypeInformation<GridEvent> {

    private static final long serialVersionUID = 1L;

    public static final GridEventTypeInfo INSTANCE = new GridEventTypeInfo();

    private GridEventTypeInfo() {}

    /**
     * Makes Flink take this type for {@code GridEvent} wherever it extracts one — the event of an {@link Arrival} or
     * an {@link Ingested} too — through {@code pipeline.serialization-config}. Call it before building a topology; a
     * second call changes nothing.
     */
    public static void register(StreamExecutionEnvironment env) {
        if (TypeInformation.of(GridEvent.class) instanceof GridEventTypeInfo) {
            return; // Flink keeps the registration for the whole JVM, and refuses a second one
        }
        Configuration registration = new Configuration();
        registration.set(PipelineOptions.SERIALIZATION_CONFIG, List.of(
                GridEvent.class.getName() + ": {type: typeinfo, class: " + Factory.class.getName() + "}"));
        env.configure(registration);
    }

    /** Found by Flink through the registration {@link #register} makes. */
    public static final class Factory extends TypeInfoFactory<GridEvent> {
        @Override
        public TypeInformation<GridEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return INSTANCE;
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<GridEvent> getTypeClass() {
        return GridEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<GridEvent> createSerializer(SerializerConfig config) {
        return GridEventSerializer.create(config);
    }

    @Override
    public String toString() {
        return "GridEvent";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GridEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return GridEvent.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof GridEventTypeInfo;
    }
}
