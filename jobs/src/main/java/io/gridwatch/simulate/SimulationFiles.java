package io.gridwatch.simulate;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.ingest.RecordJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation on disk, in a directory: {@value #EVENTS} (the JSONL event format, replayable as it is),
 * {@value #LABELS} (one {@link Scenario} per line) and {@value #GRIDS} (the registry CSV).
 */
public final class SimulationFiles {

    public static final String EVENTS = "events.jsonl";
    public static final String LABELS = "labels.jsonl";
    public static final String GRIDS = "grids.csv";

    private SimulationFiles() {}

    public static void write(Simulation simulation, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(EVENTS), StandardCharsets.UTF_8)) {
            for (GridEvent event : simulation.events()) {
                out.write(new String(EventCodec.encode(event), StandardCharsets.UTF_8));
                out.newLine();
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(LABELS), StandardCharsets.UTF_8)) {
            for (Scenario scenario : simulation.scenarios()) {
                out.write(new String(RecordJson.encode(scenario), StandardCharsets.UTF_8));
                out.newLine();
            }
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(GRIDS), StandardCharsets.UTF_8)) {
            simulation.registry().writeCsv(out);
        }
    }

    /** The labels of a labels file. */
    public static List<Scenario> readLabels(Path file) throws IOException {
        List<Scenario> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (!text.isBlank()) {
                    try {
                        labels.add(RecordJson.decode(text.getBytes(StandardCharsets.UTF_8), Scenario.class));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage());
                    }
                }
            }
        }
        return labels;
    }
}
