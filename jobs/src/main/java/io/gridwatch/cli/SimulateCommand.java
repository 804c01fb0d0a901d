package io.gridwatch.cli;

import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.simulate.Background;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Intake;
import io.gridwatch.simulate.KafkaFeed;
import io.gridwatch.simulate.Simulation;
import io.gridwatch.simulate.SimulationFiles;
import io.gridwatch.simulate.SimulationSpec;
import io.gridwatch.simulate.Simulator;
import io.gridwatch.simulate.SyntheticCity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates a city (deterministic by seed) with labelled risk scenarios: writes events.jsonl, "
                + "labels.jsonl and grids.csv, and optionally feeds the events to Kafka.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "30", description = "Days of event time (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--end", converter = TimeConverter.class, paramLabel = "TIME",
            description = "End of the simulated history (default: the current hour).")
    Instant end;

    @Option(names = "--city", defaultValue = "1x2x2x3", paramLabel = "DxSxCxG",
            description = "Districts x streets per district x communities per street x grids per community "
                    + "(default: ${DEFAULT-VALUE}).")
    String city;

    @Option(names = "--complaints-per-grid-day", defaultValue = "1.5",
            description = "Background complaint rate (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--overdispersion", defaultValue = "0", paramLabel = "PHI",
            description = "How much more days vary than Poisson: each grid-day's rate is multiplied by a gamma factor "
                    + "of mean 1 and this variance, e.g. 0.1 (default: ${DEFAULT-VALUE}).")
    double overdispersion;

    @Option(names = "--flat", description = "No daily and weekly rhythm: every hour alike.")
    boolean flat;

    @Option(names = "--scenarios", defaultValue = "2",
            description = "Injected scenarios of each kind (default: ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--intake", defaultValue = "realistic", paramLabel = "realistic|prompt",
            converter = IntakeConverter.class,
            description = "How input reaches GridWatch: realistic (reports hours late, the hotline in 10-minute batches, "
                    + "offline visits synced later) or prompt (at once, in order) (default: ${DEFAULT-VALUE}).")
    Intake intake;

    @Option(names = "--out", defaultValue = "simulation", paramLabel = "DIR",
            description = "Directory for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @ArgGroup(exclusive = false)
    Feed feed;

    static final class Feed {
        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Also feed the events to Kafka.")
        String bootstrapServers;

        @Option(names = "--events-per-second", description = "Feed at this rate.")
        double eventsPerSecond;

        @Option(names = "--speed", defaultValue = "43200",
                description = "Else compress event time this many times (default: ${DEFAULT-VALUE}: 30 days a minute).")
        double speed;

        @Option(names = "--complaints-topic", paramLabel = "TOPIC")
        String complaintsTopic = GridWatchOptions.TOPIC_COMPLAINTS.defaultValue();

        @Option(names = "--patrols-topic", paramLabel = "TOPIC")
        String patrolsTopic = GridWatchOptions.TOPIC_PATROLS.defaultValue();
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Instant until = end != null ? end : Instant.now().truncatedTo(ChronoUnit.HOURS);
        if (!(overdispersion >= 0 && overdispersion <= 10)) {
            throw new ParameterException(spec.commandLine(), "--overdispersion must be 0-10, was " + overdispersion);
        }
        Simulation simulation = Simulator.simulate(SyntheticCity.generate(citySpec(), seed), new SimulationSpec(seed,
                until, days, rate, scenarios, intake, new Background(!flat, overdispersion), List.of()));
        SimulationFiles.write(simulation, out);
        console.printf("%d grids, %d events, %d labelled scenarios written to %s/%n", simulation.registry().size(),
                simulation.events().size(), simulation.scenarios().size(), out);
        if (feed != null) {
            KafkaFeed.Pace pace = feed.eventsPerSecond > 0
                    ? KafkaFeed.Pace.rate(feed.eventsPerSecond) : KafkaFeed.Pace.compress(feed.speed);
            try (KafkaFeed kafka = new KafkaFeed(feed.bootstrapServers, feed.complaintsTopic, feed.patrolsTopic);
                    ProgressBar bar = new ProgressBarBuilder().setTaskName("Feeding Kafka")
                            .setInitialMax(simulation.events().size()).setStyle(ProgressBarStyle.ASCII)
                            .setUnit(" events", 1).build()) {
                kafka.feed(simulation.deliveries(), pace, bar::stepTo, () -> false);
            }
            console.printf("Fed to %s; the job needs --registry.path %s%n", feed.bootstrapServers,
                    out.resolve(SimulationFiles.GRIDS));
        }
        console.printf("Backtest: ./gridwatch replay %s --registry %s --labels %s%n", out.resolve(SimulationFiles.EVENTS),
                out.resolve(SimulationFiles.GRIDS), out.resolve(SimulationFiles.LABELS));
        return 0;
    }

    private CitySpec citySpec() {
        String[] parts = city.split("x");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--city must be four numbers like 1x2x2x3, was '" + city + "'");
        }
        try {
            return new CitySpec(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--city must be four numbers like 1x2x2x3, was '" + city + "'");
        }
    }

    /** {@code realistic} or {@code prompt}. */
    static final class IntakeConverter implements picocli.CommandLine.ITypeConverter<Intake> {
        @Override
        public Intake convert(String value) {
            return switch (value) {
                case "realistic" -> Intake.REALISTIC;
                case "prompt" -> Intake.PROMPT;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not an intake; use realistic or prompt");
            };
        }
    }
}
