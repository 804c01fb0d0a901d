package io.gridwatch.cli;

import io.gridwatch.bench.Benchmarks;
import io.gridwatch.bench.Measurement;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the benchmarks of BENCHMARKS.md on this machine and prints their figures.",
            "Stages: detectors (each detector and all, from memory), jmh (operator-level), ceiling (Kafka consume +",
            "parse), e2e (Kafka -> job -> Elasticsearch at fixed rates and at most, alert latency), scale (state and",
            "heap per grid), quality (false alarms per 100 grid-weeks on quiet simulated cities, graded surges,",
            "scenario recall). The full run takes about an hour; --quick a few minutes."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Smaller runs of every stage, for a first look.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "STAGE",
            description = "Only these stages (default: all): detectors, jmh, ceiling, e2e, scale, quality.")
    List<String> only;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Profile the whole detector job's runs of the detectors stage and the end-to-end flood: "
                    + "a flame graph and the hottest methods of each written to DIR.")
    Path profile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Set<String> stages = new LinkedHashSet<>(only == null ? Benchmarks.STAGES : only);
        for (String stage : stages) {
            if (!Benchmarks.STAGES.contains(stage)) {
                throw new ParameterException(spec.commandLine(),
                        "unknown stage '" + stage + "'; known: " + String.join(", ", Benchmarks.STAGES));
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("GridWatch benchmarks%s: %d cores, max heap %d MB, Java %s, Flink %s%n",
                quick ? " (quick)" : "", runtime.availableProcessors(), runtime.maxMemory() >> 20,
                System.getProperty("java.version"), EnvironmentInformation.getVersion());
        List<Measurement> measurements =
                new Benchmarks(quick ? Benchmarks.Plan.QUICK : Benchmarks.Plan.FULL, stages, profile, System.out).run();
        TextTable table = new TextTable(List.of("stage", "subject", "value", "unit", "method"));
        for (Measurement m : measurements) {
            table.add(List.of(m.stage(), m.subject(), Benchmarks.format(m.value()), m.unit(), m.method()));
        }
        System.out.println();
        System.out.print(table);
        return 0;
    }
}
