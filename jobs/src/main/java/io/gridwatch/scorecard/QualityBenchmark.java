package io.gridwatch.scorecard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The quality benchmark's false alarms per detector (QUALITY.md, "False alarms on quiet cities": the worst rate over
 * the quiet cities, per 100 grid-weeks; {@code cluster_hotspot} per 100 street-weeks), shipped beside the code so a
 * scorecard can show what staff judged next to what the benchmark promised. A test holds the file to QUALITY.md.
 */
public final class QualityBenchmark {

    static final String RESOURCE = "/gridwatch/quality-benchmark.properties";

    private QualityBenchmark() {}

    /** Per detector, false alarms per 100 grid-weeks on the benchmark's quiet cities. */
    public static Map<String, Double> falseAlarmsPer100GridWeeks() {
        Properties figures = new Properties();
        try (InputStream in = QualityBenchmark.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            figures.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> byDetector = new TreeMap<>();
        figures.forEach((detector, value) -> byDetector.put((String) detector, Double.parseDouble((String) value)));
        return byDetector;
    }
}
