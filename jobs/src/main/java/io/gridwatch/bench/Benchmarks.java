package io.gridwatch.bench;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.detect.RepeatedDisputeDetector;
import io.gridwatch.embedded.Directories;
import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.embedded.EmbeddedKafka;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.SyntheticCity;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.topology.Detectors;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code gridwatch bench}: every benchmark of BENCHMARKS.md in one run, its figures printed as they come and
 * returned. Stages: {@code detectors} (from memory, per detector and all), {@code jmh} (operator-level),
 * {@code ceiling} (Kafka consume + parse), {@code e2e} (Kafka → job → Elasticsearch at fixed rates and at most),
 * {@code scale} (state and heap per grid), {@code quality} (false alarms, graded surges and scenario recall on
 * simulated cities: {@link AlertQuality}). {@link Plan#QUICK} is a smaller version of each, for a first look.
 */
public final class Benchmarks {

    public static final List<String> STAGES = List.of("detectors", "jmh", "ceiling", "e2e", "scale", "quality");

    /**
     * How much of each stage to run.
     *
     * @param keyCities the cities of the detectors stage's keys axis, {@value SyntheticLoad#SUBJECTS_PER_GRID}
     *     grid × subject keys per grid: the first is the stage's own city
     */
    public record Plan(long detectorEvents, List<CitySpec> keyCities, long ceilingEvents, List<Integer> rates,
            Duration feedTime, long floodEvents, int e2eGrids, List<CitySpec> scaleCities, List<Integer> scaleDays,
            int jmhIterations, AlertQuality.Plan quality) {

        /** 1,000, 10,000 and 100,000 grids: the keys axis and the scale stage measure the same cities. */
        private static final List<CitySpec> CITIES =
                List.of(new CitySpec(1, 5, 10, 20), new CitySpec(2, 10, 25, 20), new CitySpec(10, 10, 25, 40));

        public static final Plan FULL = new Plan(1_000_000, CITIES, 1_000_000, List.of(1_000, 5_000, 20_000),
                Duration.ofSeconds(30), 600_000, 10_000, CITIES, List.of(7, 30), 5,
                new AlertQuality.Plan(new CitySpec(2, 4, 4, 5), List.of(0.5, 1.5, 5.0, 15.0, 50.0), List.of(1L, 2L, 3L),
                        8, 0.1, AlertQuality.GRADED, 8));

        public static final Plan QUICK = new Plan(200_000, CITIES.subList(0, 2), 200_000, List.of(1_000, 5_000),
                Duration.ofSeconds(10), 100_000, 1_000, CITIES.subList(0, 2), List.of(7), 2,
                new AlertQuality.Plan(new CitySpec(2, 4, 4, 5), List.of(1.5, 15.0), List.of(1L), 4, 0.1,
                        AlertQuality.GRADED, 4));
    }

    private final Plan plan;
    private final Set<String> stages;
    /** Where the profiles of the whole detector job and of the end-to-end flood go, or {@code null} for none. */
    private final Path profile;
    private final PrintStream out;
    private final Rules rules = RulesLoader.defaults();
    private final List<Measurement> measurements = new ArrayList<>();

    public Benchmarks(Plan plan, Set<String> stages, Path profile, PrintStream out) {
        this.plan = plan;
        this.stages = stages;
        this.profile = profile;
        this.out = out;
    }

    public List<Measurement> run() throws Exception {
        Path work = Files.createTempDirectory("gridwatch-bench-");
        try {
            if (stages.contains("detectors")) {
                detectors();
            }
            if (stages.contains("jmh")) {
                jmh();
            }
            if (stages.contains("scale")) {
                scale(work);
            }
            if (stages.contains("quality")) {
                new AlertQuality(rules, this::record).run(plan.quality());
            }
            if (stages.contains("ceiling") || stages.contains("e2e")) {
                withServices(work);
            }
            return measurements;
        } finally {
            Directories.deleteRecursively(work); // savepoints of 100,000 grids take gigabytes
        }
    }

    private void detectors() throws Exception {
        GridRegistry registry = SyntheticCity.generate(plan.keyCities().get(0), 1);
        DetectorThroughput bench = new DetectorThroughput(registry, rules);
        long events = plan.detectorEvents();
        Duration span = new SyntheticLoad(registry).spanOf(events);
        // A first run compiles the hot paths: without it the first detector measured pays for the JIT (half its speed).
        bench.run(Detectors.NAMES, events / 4, new SyntheticLoad(registry).spanOf(events / 4));
        List<List<String>> runs = new ArrayList<>();
        Detectors.NAMES.forEach(detector -> runs.add(List.of(detector)));
        runs.add(Detectors.NAMES);
        Map<List<String>, DetectorThroughput.Result> measured = new HashMap<>();
        for (List<String> detectors : runs) {
            DetectorThroughput.Result result =
                    measure(bench, detectors, events, span, DetectorThroughput.HEAP, "detectors-all");
            measured.put(detectors, result);
            String subject = detectors.size() > 1 ? "all detectors" : detectors.get(0);
            String method = events + " events, " + registry.size() + " grids, parallelism 1";
            record(new Measurement("detectors", subject, result.eventsPerSecond(), "events/s", method));
            record(new Measurement("detectors", subject, result.eventsPerCpuSecond(), "events/CPU-s", method));
        }
        keysAxis(registry, measured);
        for (CitySpec city : plan.keyCities().subList(1, plan.keyCities().size())) {
            keysAxis(SyntheticCity.generate(city, 1), Map.of());
        }
    }

    /**
     * The cost per event of {@code repeated_dispute} and the whole detector job as the grid × subject keys grow, at the
     * same events per key and day: at least ten days of them, so every window fills and expires. With state in
     * RocksDB too, at the first city only and a tenth of the events: CEP on RocksDB is slower by orders of magnitude
     * (BENCHMARKS.md).
     *
     * @param measured runs of this city already measured on the heap with the same events (the stage's own city)
     */
    private void keysAxis(GridRegistry registry, Map<List<String>, DetectorThroughput.Result> measured)
            throws Exception {
        DetectorThroughput bench = new DetectorThroughput(registry, rules);
        long keys = (long) registry.size() * SyntheticLoad.SUBJECTS_PER_GRID;
        long heapEvents = Math.max(plan.detectorEvents(),
                (long) registry.size() * SyntheticLoad.EVENTS_PER_GRID_DAY * 10);
        boolean first = !measured.isEmpty() && heapEvents == plan.detectorEvents();
        for (String backend : first ? List.of(DetectorThroughput.HEAP, DetectorThroughput.ROCKSDB)
                : List.of(DetectorThroughput.HEAP)) {
            long events = backend.equals(DetectorThroughput.ROCKSDB) ? plan.detectorEvents() / 10 : heapEvents;
            Duration span = new SyntheticLoad(registry).spanOf(events);
            String method = events + " events over " + span.toDays() + " days, " + registry.size() + " grids";
            for (List<String> detectors : List.of(List.of(RepeatedDisputeDetector.NAME), Detectors.NAMES)) {
                DetectorThroughput.Result result = first && backend.equals(DetectorThroughput.HEAP)
                        ? measured.get(detectors)
                        : measure(bench, detectors, events, span, backend, "detectors-all-" + keys + "-keys-" + backend);
                String subject = (detectors.size() > 1 ? "all detectors" : detectors.get(0)) + " @ " + format(keys)
                        + " keys, " + backend;
                record(new Measurement("detectors", subject, result.eventsPerCpuSecond(), "events/CPU-s", method));
            }
        }
    }

    /** One run of {@code detectors}; a run of them all is profiled when a profile is asked for. */
    private DetectorThroughput.Result measure(DetectorThroughput bench, List<String> detectors, long events,
            Duration span, String backend, String profileName) throws Exception {
        if (detectors.size() > 1 && profile != null) {
            return profiled(() -> bench.run(detectors, events, span, backend), profileName);
        }
        return bench.run(detectors, events, span, backend);
    }

    /** {@code run} under a CPU profile written to {@link #profile}; where its CPU went is recorded as measurements. */
    private <T> T profiled(Callable<T> run, String name) throws Exception {
        Profile running = Profile.start(profile, name);
        T result;
        try {
            result = run.call();
        } finally {
            Path top = running.stop();
            out.printf("  profile: %s and %s%n", profile.resolve(name + ".html"), top);
        }
        ProfileSummary.shares(Files.readString(profile.resolve(name + ".collapsed"))).forEach((label, share) ->
                record(new Measurement("profile", label, 100 * share, "% of CPU samples", name)));
        return result;
    }

    private void jmh() throws Exception {
        int iterations = plan.jmhIterations();
        for (RunResult result : new Runner(new OptionsBuilder()
                .include("io\\.gridwatch\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(Math.max(1, iterations / 2))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build()).run()) {
            String name = result.getParams().getBenchmark().replace("io.gridwatch.bench.jmh.", "");
            record(new Measurement("jmh", name, result.getPrimaryResult().getScore(), "ops/s",
                    String.format("JMH, ±%.0f (99.9%%)", result.getPrimaryResult().getScoreError())));
        }
    }

    private void scale(Path work) throws Exception {
        StateScale bench = new StateScale(rules);
        for (CitySpec city : plan.scaleCities()) {
            GridRegistry registry = SyntheticCity.generate(city, 1);
            for (int days : plan.scaleDays()) {
                StateScale.Result result = bench.run(registry, days, work);
                String subject = registry.size() + " grids, " + days + " days";
                String method = result.events() + " events, " + StateScale.EVENTS_PER_GRID_DAY + "/grid/day, savepoint";
                record(new Measurement("scale", subject, result.stateBytesPerGrid(), "state bytes/grid", method));
                record(new Measurement("scale", subject, result.heapBytesPerGrid(), "heap bytes/grid",
                        "heap after GC less before the job"));
                record(new Measurement("scale", subject, result.heapBytesPerGrid() / SyntheticLoad.SUBJECTS_PER_GRID,
                        "heap bytes/key", SyntheticLoad.SUBJECTS_PER_GRID + " grid × subject keys per grid"));
                record(new Measurement("scale", subject, result.eventsPerSecond(), "events/s", "to the savepoint"));
            }
        }
    }

    private void withServices(Path work) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
            double ceiling = Double.NaN;
            if (stages.contains("ceiling")) {
                GridRegistry registry = SyntheticCity.generate(new CitySpec(1, 5, 10, 20), 1);
                ConsumeParseCeiling bench = new ConsumeParseCeiling(kafka.bootstrapServers());
                kafka.createTopics(List.of("bench.ceiling"), 2);
                bench.fill(new SyntheticLoad(registry), plan.ceilingEvents(), "bench.ceiling");
                ceiling = bench.measure("bench.ceiling", plan.ceilingEvents());
                record(new Measurement("ceiling", "Kafka consume + parse", ceiling, "events/s",
                        plan.ceilingEvents() + " records, 1 thread, EventCodec"));
            }
            if (stages.contains("e2e")) {
                endToEnd(kafka, work, ceiling);
            }
        }
    }

    private void endToEnd(EmbeddedKafka kafka, Path work, double ceiling) throws Exception {
        int gridsPerCommunity = Math.max(1, plan.e2eGrids() / 250);
        GridRegistry registry = SyntheticCity.generate(new CitySpec(1, 10, 25, gridsPerCommunity), 1);
        Path csv = work.resolve("grids.csv");
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            registry.writeCsv(writer);
        }
        try (EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.launch();
                RestHighLevelClient client = ElasticsearchAccess.open(List.of(URI.create(elasticsearch.url()))).client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            long documents = plan.ceilingEvents() / 4;
            Duration elasticsearchCpu = elasticsearch.cpuTime();
            double indexing = new IndexingCeiling(client).measure(registry, documents);
            String bulks = documents + " event documents, bulks of " + IndexingCeiling.BULK_SIZE + ", "
                    + IndexingCeiling.IN_FLIGHT + " in flight";
            record(new Measurement("ceiling", "Elasticsearch indexing", indexing, "events/s", bulks));
            record(new Measurement("ceiling", "Elasticsearch indexing", CpuClock.microsPerEvent(
                    elasticsearch.cpuTime().minus(elasticsearchCpu), documents), "µs Elasticsearch CPU/event", bulks));
            EndToEnd bench = new EndToEnd(kafka, elasticsearch, client, registry, csv);
            // A first run warms the JVM, Kafka and Elasticsearch up (the first seconds of a cold run are slow).
            bench.atRate(plan.rates().get(0), plan.feedTime().dividedBy(2));
            for (int rate : plan.rates()) {
                EndToEnd.Result result = bench.atRate(rate, plan.feedTime());
                String subject = "at " + rate + " events/s";
                String method = plan.feedTime().toSeconds() + " s, " + registry.size() + " grids";
                record(new Measurement("e2e", subject, result.eventsPerSecond(), "events/s", method + ", all indexed"));
                record(new Measurement("e2e", subject, result.latency().p50Millis(), "ms alert latency p50",
                        result.latency().count() + " alerts"));
                record(new Measurement("e2e", subject, result.latency().p99Millis(), "ms alert latency p99",
                        result.latency().count() + " alerts"));
            }
            EndToEnd.Flood flood = profile == null
                    ? bench.flood(plan.floodEvents())
                    : profiled(() -> bench.flood(plan.floodEvents()), "e2e-flood");
            double max = flood.eventsPerSecond();
            String sentAtOnce = plan.floodEvents() + " events sent at once, until all indexed";
            record(new Measurement("e2e", "maximum (flood)", max, "events/s", sentAtOnce));
            // What each event cost, and where: the share of the two cores each side needs per event.
            record(new Measurement("e2e", "maximum (flood)",
                    CpuClock.microsPerEvent(flood.elasticsearchCpu(), plan.floodEvents()), "µs Elasticsearch CPU/event",
                    sentAtOnce));
            record(new Measurement("e2e", "maximum (flood)",
                    CpuClock.microsPerEvent(flood.jobAndKafkaCpu(), plan.floodEvents()), "µs job + Kafka CPU/event",
                    sentAtOnce + "; this JVM: job, broker, feed"));
            // What limits end to end here: every event is one document, and Elasticsearch indexes only so many.
            record(new Measurement("e2e", "maximum / indexing ceiling", 100 * max / indexing, "%",
                    "end to end vs Elasticsearch alone, same run"));
            if (!Double.isNaN(ceiling)) {
                record(new Measurement("e2e", "maximum / ceiling", 100 * max / ceiling, "%", "end to end vs consume+parse"));
            }
        }
    }

    private void record(Measurement measurement) {
        measurements.add(measurement);
        out.printf("  %-10s %-40s %14s %s%n", measurement.stage(), measurement.subject(),
                format(measurement.value()), measurement.unit());
    }

    /** Figures as a reader wants them: thousands separated, no false precision. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%,.1f", value);
    }
}
