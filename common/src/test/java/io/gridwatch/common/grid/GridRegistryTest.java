package io.gridwatch.common.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.event.GeoPoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GridRegistryTest {

    private static final String HEADER = "gridId,name,community,street,district,leadName,leadContact,lat,lon,neighbors\n";

    private static GridRegistry load(String csv) {
        return GridRegistry.load(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "grids.csv");
    }

    @Test
    void loadsEveryColumnOfTheSample() {
        GridRegistry registry = GridRegistry.sample();

        assertThat(registry.size()).isEqualTo(6);
        assertThat(registry.find("G-XF-01-01")).hasValue(new Grid(
                "G-XF-01-01", "幸福里第一网格", "幸福里社区", "东湖街道", "滨江区", "王建国", "13800000101",
                new GeoPoint(30.2085, 120.2101), java.util.List.of("G-XF-01-02", "G-XF-02-01"), "residential"));
        assertThat(registry.find("G-CN-01-01").orElseThrow().type()).isEqualTo("village");
        assertThat(registry.contains("G-NOWHERE")).isFalse();
    }

    @Test
    void readsQuotedNamesAndEmptyNeighbours() {
        GridRegistry registry = load(HEADER + "G1,\"一, 二网格\",C,S,D,L,1,30,120,\n");

        assertThat(registry.find("G1").orElseThrow().name()).isEqualTo("一, 二网格");
        assertThat(registry.find("G1").orElseThrow().neighbors()).isEmpty();
        assertThat(registry.find("G1").orElseThrow().type()).isEqualTo(Grid.DEFAULT_TYPE);
    }

    @Test
    void readsTheFirstDayOfAGridAddedLater() {
        GridRegistry registry = load(HEADER.strip() + ",type,since\n"
                + "G1,n,C,S,D,L,1,30,120,,,2026-11-16\nG2,n,C,S,D,L,1,30,120,,,\n");

        assertThat(registry.find("G1").orElseThrow().since()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(registry.find("G2").orElseThrow().since()).isNull();
        assertThatThrownBy(() -> load(HEADER.strip() + ",since\nG1,n,C,S,D,L,1,30,120,,16.11.2026\n"))
                .hasMessage("grids.csv line 2: 'since' is not a date (yyyy-MM-dd): 16.11.2026");
    }

    @Test
    void namesTheLineOfABadRow() {
        String csv = HEADER + "G1,n,C,S,D,L,1,30,120,\nG2,n,C,S,D,L,1,north,120,\n";

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InvalidRegistryException.class)
                .hasMessage("grids.csv line 3: 'lat' is not a number: north");
    }

    @Test
    void rejectsDuplicateIdsAndUnknownNeighbours() {
        assertThatThrownBy(() -> load(HEADER + "G1,n,C,S,D,L,1,30,120,\nG1,n,C,S,D,L,1,30,120,\n"))
                .hasMessage("grids.csv: duplicate gridId 'G1'");
        assertThatThrownBy(() -> load(HEADER + "G1,n,C,S,D,L,1,30,120,G9\n"))
                .hasMessage("grids.csv: grid 'G1' names unknown neighbor 'G9'");
    }

    @Test
    void rejectsAMissingColumn() {
        assertThatThrownBy(() -> load("gridId,name\nG1,n\n")).hasMessageContaining("missing column 'community'");
    }

    @Test
    void travelsAsCompressedCsvAndReadsBackEveryGridAsItWas() throws Exception {
        GridRegistry registry = city(2_000);

        byte[] travelling = serialize(registry);
        GridRegistry read = (GridRegistry) deserialize(travelling);

        assertThat(read.grids()).containsExactlyElementsOf(registry.grids());
        // The grids as Java objects would be several times larger: every function of the job carries the registry.
        assertThat(travelling.length).isLessThan(serialize(new ArrayList<>(registry.grids())).length / 4);
    }

    @Test
    void everyFunctionOfAJvmThatReadsTheSameRegistryGetsOneInstance() throws Exception {
        byte[] travelling = serialize(city(100));

        assertThat(deserialize(travelling)).isSameAs(deserialize(travelling));
        assertThat(deserialize(serialize(city(101)))).isNotSameAs(deserialize(travelling));
    }

    /** {@code grids} grids in a row, each the neighbour of the next, with every field filled. */
    private static GridRegistry city(int grids) {
        List<Grid> all = new ArrayList<>();
        for (int i = 0; i < grids; i++) {
            List<String> neighbors = i + 1 < grids ? List.of("G-" + (i + 1)) : List.of();
            all.add(new Grid("G-" + i, "第" + i + "网格", "社区" + i / 20, "街道" + i / 500, "滨江区", "网格长" + i,
                    "1380000" + String.format("%04d", i % 10_000), new GeoPoint(30.2 + i * 1e-4, 120.2 - i * 1e-4),
                    neighbors, i % 3 == 0 ? "village" : "residential",
                    i % 7 == 0 ? LocalDate.of(2026, 11, i % 28 + 1) : null));
        }
        return GridRegistry.of(all);
    }

    private static byte[] serialize(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
