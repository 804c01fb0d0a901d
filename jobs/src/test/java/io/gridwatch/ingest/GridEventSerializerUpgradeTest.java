package io.gridwatch.ingest;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * State written by earlier versions stays readable: events as an earlier version's serializer wrote them into state
 * (buffers, CEP's shared buffer), with that serializer's snapshot, are read back after the event types changed. Each
 * version that changes {@link GridEvent}'s types adds its directory under {@code serializer-snapshots/}, written by
 * {@link #writesThisVersionsSnapshot} ({@code -Dgridwatch.write-serializer-snapshot=<name>}) before the change.
 */
@Tag("unit")
class GridEventSerializerUpgradeTest {

    private static final String RESOURCES = "/serializer-snapshots/";
    /** The versions whose state must restore. */
    private static final List<String> VERSIONS = List.of("before-satisfaction-2026-12-02");

    /** The events each version wrote, as that version built them. */
    static List<GridEvent> written() {
        return List.of(
                complaint("C-1").grid(GRID_A).at(DAY_1).category(Category.NOISE).build(),
                new Patrol("P-1", GRID_A, "W-1", DAY_1.plusSeconds(3600), PatrolKind.RESOLUTION, "C-1",
                        new ArrayList<>(List.of(new Finding(Category.NOISE, 1, "已调解"))),
                        new GeoPoint(30.27, 120.15)));
    }

    private final TypeSerializer<GridEvent> current =
            GridEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());

    @Test
    void readsTheEventsEveryEarlierVersionWroteIntoState() throws IOException {
        for (String version : VERSIONS) {
            TypeSerializerSnapshot<GridEvent> old = TypeSerializerSnapshot.readVersionedSnapshot(
                    new DataInputDeserializer(resource(version, "snapshot")), getClass().getClassLoader());
            TypeSerializerSchemaCompatibility<GridEvent> compatibility =
                    current.snapshotConfiguration().resolveSchemaCompatibility(old);
            assertThat(compatibility.isIncompatible()).as("%s: compatible", version).isFalse();

            DataInputDeserializer data = new DataInputDeserializer(resource(version, "data"));
            TypeSerializer<GridEvent> reader = old.restoreSerializer();
            for (GridEvent expected : written()) {
                GridEvent read = reader.deserialize(data);
                assertThat(read).as("%s: %s", version, expected.eventId()).isEqualTo(expected);

                DataOutputSerializer migrated = new DataOutputSerializer(256);
                current.serialize(read, migrated);
                assertThat(current.deserialize(new DataInputDeserializer(migrated.getCopyOfBuffer()))).isEqualTo(read);
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "gridwatch.write-serializer-snapshot", matches = ".+")
    void writesThisVersionsSnapshot() throws IOException {
        Path dir = Path.of("src/test/resources" + RESOURCES, System.getProperty("gridwatch.write-serializer-snapshot"));
        Files.createDirectories(dir);
        DataOutputSerializer snapshot = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, current.snapshotConfiguration());
        Files.write(dir.resolve("snapshot"), snapshot.getCopyOfBuffer());
        DataOutputSerializer data = new DataOutputSerializer(1024);
        for (GridEvent event : written()) {
            current.serialize(event, data);
        }
        Files.write(dir.resolve("data"), data.getCopyOfBuffer());
    }

    private static byte[] resource(String version, String name) throws IOException {
        String path = RESOURCES + version + "/" + name;
        try (InputStream in = GridEventSerializerUpgradeTest.class.getResourceAsStream(path)) {
            assertThat(in).as("%s/%s on the class path", version, name).isNotNull();
            return in.readAllBytes();
        }
    }
}
