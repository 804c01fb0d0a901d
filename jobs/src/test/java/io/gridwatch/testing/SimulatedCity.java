package io.gridwatch.testing;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Delivery;
import io.gridwatch.simulate.Intake;
import io.gridwatch.simulate.KafkaFeed;
import io.gridwatch.simulate.Simulation;
import io.gridwatch.simulate.SimulationSpec;
import io.gridwatch.simulate.Simulator;
import io.gridwatch.simulate.SyntheticCity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A simulated month of a city for tests of the live job on the real Kafka: its registry written to a file, its
 * events fed into a run's topics. Simulated event ids carry the seed, and tests share Elasticsearch: give every test
 * a seed of its own.
 */
public final class SimulatedCity {

    private final Simulation simulation;
    private final Path registry;

    private SimulatedCity(Simulation simulation, Path registry) {
        this.simulation = simulation;
        this.registry = registry;
    }

    /**
     * Thirty days ending at {@code end}, two scenarios of each kind, delivered promptly, the registry written into
     * {@code dir}.
     */
    public static SimulatedCity of(CitySpec spec, long seed, Instant end, Path dir) throws IOException {
        return of(spec, seed, end, dir, Intake.PROMPT);
    }

    /** As {@link #of(CitySpec, long, Instant, Path)}, delivered as {@code intake} says. */
    public static SimulatedCity of(CitySpec spec, long seed, Instant end, Path dir, Intake intake) throws IOException {
        return of(spec, seed, end, 30, dir, intake);
    }

    /** {@code days} ending at {@code end}, delivered as {@code intake} says. */
    public static SimulatedCity of(CitySpec spec, long seed, Instant end, int days, Path dir, Intake intake)
            throws IOException {
        Simulation simulation = Simulator.simulate(SyntheticCity.generate(spec, seed),
                new SimulationSpec(seed, end, days, 2, 2, intake));
        Path registry = dir.resolve("grids-" + seed + ".csv");
        try (Writer out = Files.newBufferedWriter(registry, StandardCharsets.UTF_8)) {
            simulation.registry().writeCsv(out);
        }
        return new SimulatedCity(simulation, registry);
    }

    public Simulation simulation() {
        return simulation;
    }

    /** The registry file, for {@code registry.path}. */
    public Path registry() {
        return registry;
    }

    /**
     * Every event of the month onto the run's complaint and patrol topics, in the order the intake delivers them, as
     * fast as Kafka takes them.
     */
    public void feed(TestRun run) throws InterruptedException {
        feed(run, simulation.deliveries());
    }

    /** As {@link #feed}, but every event in event-time order, as a replay of the history takes them. */
    public void feedInTimeOrder(TestRun run) throws InterruptedException {
        feed(run, simulation.events().stream()
                .sorted(Comparator.comparing(GridEvent::knownAt).thenComparing(GridEvent::eventId))
                .map(event -> new Delivery(event, event.knownAt()))
                .toList());
    }

    /** The events of {@code deliveries} onto the run's complaint and patrol topics, in order. */
    public static void feed(TestRun run, List<Delivery> deliveries) throws InterruptedException {
        try (KafkaFeed feed = new KafkaFeed(SharedServices.kafka().bootstrapServers(), run.complaints, run.patrols)) {
            feed.feed(deliveries, KafkaFeed.Pace.rate(1e9), sent -> {}, () -> false);
        }
    }

    /**
     * One patrol at {@code at} as the last record of every input partition (two per topic), so that event time
     * passes the history's deadlines in every run alike, whichever partitions it reads last.
     */
    public void appendEndOfInput(TestRun run, Instant at) {
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        String grid = simulation.registry().grids().iterator().next().gridId();
        for (String topic : List.of(run.complaints, run.patrols)) {
            for (int partition = 0; partition < 2; partition++) {
                kafka.send(topic, partition, EventCodec.encode(new Patrol("END-" + topic + "-" + partition, grid,
                        "W-END", at, PatrolKind.VISIT, null, List.of(), null)));
            }
        }
    }
}
