package io.gridwatch.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark figures a scorecard shows are QUALITY.md's: the worst rate of each detector on quiet cities. */
@Tag("unit")
class QualityBenchmarkTest {

    @Test
    void holdsTheWorstFalseAlarmRateOfEachDetectorInQualityMd() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../QUALITY.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| complaints/grid/day |")).findFirst()
                .orElseThrow());
        String[] detectors = cells(lines.get(header));
        Map<String, Double> worst = new HashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = cells(lines.get(i));
            for (int c = 1; c < cells.length; c++) {
                String detector = detectors[c].split(" ")[0];
                double rate = Double.parseDouble(cells[c].split(" ")[0]);
                worst.merge(detector, rate, Math::max);
            }
        }

        assertThat(worst).hasSize(7);
        assertThat(QualityBenchmark.falseAlarmsPer100GridWeeks()).isEqualTo(worst);
    }

    private static String[] cells(String row) {
        String[] raw = row.substring(1, row.length() - 1).split("\\|");
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].trim();
        }
        return raw;
    }
}
