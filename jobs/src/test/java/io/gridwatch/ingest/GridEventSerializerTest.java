package io.gridwatch.ingest;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GridEventSerializerTest {

    private static final List<GridEvent> EVENTS = List.of(
            complaint("C-1").grid(GRID_A).at(DAY_1).build(),
            patrol("P-1", GRID_A, DAY_1, PatrolKind.FOLLOWUP, "C-1"));

    private final TypeSerializer<GridEvent> serializer =
            GridEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());

    @Test
    void readsBackComplaintsAndPatrols() throws IOException {
        for (GridEvent event : EVENTS) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(event, out);

            assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(event);
        }
    }

    @Test
    void copiesBytesAsTheyAre() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(EVENTS.get(1), out);
        DataOutputSerializer copy = new DataOutputSerializer(256);

        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copy);

        assertThat(copy.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void passesEventsOnWithoutCopyingThem() {
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(EVENTS.get(0))).isSameAs(EVENTS.get(0));
    }

    @Test
    void restoresItselfFromItsSnapshot() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<GridEvent> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(restored.resolveSchemaCompatibility(serializer.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void becomesTheTypeOfEveryGridEventOnceRegistered() {
        GridEventTypeInfo.register(StreamExecutionEnvironment.getExecutionEnvironment());

        assertThat(TypeInformation.of(GridEvent.class)).isEqualTo(GridEventTypeInfo.INSTANCE);
        assertThat(TypeInformation.of(Arrival.class).toString()).contains("event: GridEvent");
    }
}
