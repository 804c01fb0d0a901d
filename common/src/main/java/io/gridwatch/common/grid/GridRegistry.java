package io.gridwatch.common.grid;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridwatch.common.event.GeoPoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * All grids of a city, loaded once at job start from a CSV file with the header
 * {@code gridId,name,community,street,district,leadName,leadContact,lat,lon,neighbors} and the optional columns
 * {@code type} (residential when absent) and {@code since} (the grid's first day, {@code yyyy-MM-dd}, when it was
 * added or split off later than the records begin); {@code neighbors} is a {@code ;}-separated list of grid ids.
 *
 * <p>Immutable and serializable, so Flink functions can carry it — and nearly every function of the job does. So that
 * a province's registry (100,000 grids) does not travel in every function of the job graph as Java objects, nor sit
 * on the heap once per function and subtask, it travels as gzipped CSV ({@link SerializedForm}), and every function
 * of a JVM that reads the same bytes gets the same instance (measured in BENCHMARKS.md: at 4 million keys the job's
 * own Java serialization had cost 9 % of its CPU).
 */
public final class GridRegistry implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The sample registry shipped with GridWatch, on the classpath. */
    public static final String SAMPLE_RESOURCE = "/gridwatch/sample-grids.csv";

    static final List<String> COLUMNS = List.of(
            "gridId", "name", "community", "street", "district", "leadName", "leadContact", "lat", "lon", "neighbors");

    private final Map<String, Grid> grids;
    /** This registry as it travels, made once. */
    private transient volatile SerializedForm serialized;

    private GridRegistry(Map<String, Grid> grids) {
        this.grids = grids;
    }

    public static GridRegistry of(Collection<Grid> grids) {
        Map<String, Grid> byId = new LinkedHashMap<>();
        for (Grid grid : grids) {
            if (byId.put(grid.gridId(), grid) != null) {
                throw new InvalidRegistryException("duplicate gridId '" + grid.gridId() + "'");
            }
        }
        for (Grid grid : byId.values()) {
            for (String neighbor : grid.neighbors()) {
                if (!byId.containsKey(neighbor)) {
                    throw new InvalidRegistryException(
                            "grid '" + grid.gridId() + "' names unknown neighbor '" + neighbor + "'");
                }
            }
        }
        return new GridRegistry(byId);
    }

    public static GridRegistry load(Path csv) {
        try (InputStream in = Files.newInputStream(csv)) {
            return load(in, csv.toString());
        } catch (IOException e) {
            throw new InvalidRegistryException("cannot read grid registry " + csv + ": " + e.getMessage());
        }
    }

    public static GridRegistry sample() {
        try (InputStream in = GridRegistry.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            return load(in, "classpath:" + SAMPLE_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the CSV; an error names the source and the line. */
    public static GridRegistry load(InputStream in, String sourceName) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(false);
        List<Grid> grids = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows =
                new CsvMapper().readerForMapOf(String.class).with(schema).readValues(in)) {
            int line = 1; // the header; names in a registry never span lines
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                line++;
                try {
                    grids.add(toGrid(row));
                } catch (RuntimeException e) {
                    throw new InvalidRegistryException(sourceName + " line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new InvalidRegistryException(sourceName + ": " + e.getMessage());
        }
        try {
            return of(grids);
        } catch (InvalidRegistryException e) {
            throw new InvalidRegistryException(sourceName + ": " + e.getMessage());
        }
    }

    private static Grid toGrid(Map<String, String> row) {
        for (String column : COLUMNS) {
            if (!row.containsKey(column)) {
                throw new IllegalArgumentException("missing column '" + column + "'");
            }
        }
        String neighbors = row.get("neighbors").trim();
        return new Grid(
                required(row, "gridId"),
                required(row, "name"),
                required(row, "community"),
                required(row, "street"),
                required(row, "district"),
                row.get("leadName").trim(),
                row.get("leadContact").trim(),
                new GeoPoint(number(row, "lat"), number(row, "lon")),
                neighbors.isEmpty() ? List.of() : Arrays.stream(neighbors.split(";")).map(String::trim).toList(),
                row.get("type"),
                date(row, "since"));
    }

    private static LocalDate date(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + column + "' is not a date (yyyy-MM-dd): " + value);
        }
    }

    private static String required(Map<String, String> row, String column) {
        String value = row.get(column).trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + column + "' is empty");
        }
        return value;
    }

    private static double number(Map<String, String> row, String column) {
        try {
            return Double.parseDouble(required(row, column));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + column + "' is not a number: " + row.get(column));
        }
    }

    /** Writes the registry as the CSV {@link #load} reads, with the {@code type} and {@code since} columns. */
    public void writeCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(COLUMNS);
        header.add("type");
        header.add("since");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        header.forEach(schema::addColumn);
        List<List<String>> rows = new ArrayList<>();
        for (Grid grid : grids.values()) {
            rows.add(List.of(grid.gridId(), grid.name(), grid.community(), grid.street(), grid.district(),
                    grid.leadName(), grid.leadContact(), Double.toString(grid.centroid().lat()),
                    Double.toString(grid.centroid().lon()), String.join(";", grid.neighbors()), grid.type(),
                    grid.since() == null ? "" : grid.since().toString()));
        }
        new CsvMapper().writerFor(List.class).with(schema.build()).writeValues(out).writeAll(rows).close();
    }

    public Optional<Grid> find(String gridId) {
        return Optional.ofNullable(grids.get(gridId));
    }

    public boolean contains(String gridId) {
        return grids.containsKey(gridId);
    }

    public Collection<Grid> grids() {
        return grids.values();
    }

    public int size() {
        return grids.size();
    }

    /** What Java serialization writes instead of the grids: see {@link SerializedForm}. */
    private Object writeReplace() throws IOException {
        SerializedForm form = serialized;
        if (form == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
                writeCsv(out);
            }
            form = new SerializedForm(bytes.toByteArray());
            serialized = form;
        }
        return form;
    }

    /**
     * A registry as it travels: its CSV, gzipped. Read back, it is parsed once per JVM and content: every reader of the
     * same bytes gets the same registry, held as long as some function holds it.
     */
    private static final class SerializedForm implements Serializable {

        private static final long serialVersionUID = 1L;
        private static final Map<String, WeakReference<GridRegistry>> READ = new HashMap<>();

        private final byte[] csvGzip;

        SerializedForm(byte[] csvGzip) {
            this.csvGzip = csvGzip;
        }

        private Object readResolve() throws IOException {
            String digest = digest(csvGzip);
            synchronized (READ) {
                WeakReference<GridRegistry> cached = READ.get(digest);
                GridRegistry registry = cached == null ? null : cached.get();
                if (registry == null) {
                    registry = load(new GZIPInputStream(new ByteArrayInputStream(csvGzip)), "a serialized registry");
                    registry.serialized = this;
                    READ.put(digest, new WeakReference<>(registry));
                }
                return registry;
            }
        }

        private static String digest(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
