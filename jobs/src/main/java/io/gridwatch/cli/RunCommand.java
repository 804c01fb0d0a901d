package io.gridwatch.cli;

import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.replay.WarmStart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the early-warning job against your own Kafka and Elasticsearch.",
            "Options are the job's configuration keys, e.g.:",
            "  gridwatch run --kafka.bootstrap-servers kafka:9092 --elasticsearch.hosts http://es:9200",
            "Keys and defaults are listed in docs/configuration.md.",
            "A first start from a history: --warm-start.history FILE [--warm-start.mapping open311|YAML]."
        })
final class RunCommand implements Callable<Integer> {

    /** Job configuration keys are not picocli options: {@code JobConfig} validates them, naming a bad key. */
    @Unmatched
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] args = options.toArray(String[]::new);
        if (options.stream().anyMatch(option -> option.startsWith("--" + GridWatchOptions.WARM_START_HISTORY.key()))) {
            WarmStart.main(args);
        } else {
            EarlyWarningJob.main(args);
        }
        return 0;
    }
}
