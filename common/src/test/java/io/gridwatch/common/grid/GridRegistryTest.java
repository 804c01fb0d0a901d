package io.gridwatch.common.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.event.GeoPoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
}
