package io.gridwatch.job;

import io.gridwatch.config.JobConfig;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Checkpoints carry the Kafka offsets and the state; kept when the job is cancelled so that it can be restarted from
 * the last one. Restarts use Flink's default with checkpointing on: exponential delay, without end.
 */
public final class Checkpoints {

    /** Checkpoints when neither {@code checkpoint.storage} nor Flink names a directory: this machine's temp dir. */
    public static final Path LOCAL = Path.of(System.getProperty("java.io.tmpdir"), "gridwatch-checkpoints");

    private Checkpoints() {}

    static void configure(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(config.checkpoints().interval().toMillis(), config.checkpoints().mode());
        Configuration checkpoints = new Configuration();
        checkpoints.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Never the JobManager's memory: it refuses state over 5 MB, which a city's grids pass within days, and the
        // job would fail at every checkpoint. Flink's own checkpoint directory, when the cluster sets one, stands.
        String directory = config.checkpoints().storage()
                .or(() -> env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .orElse(LOCAL.toUri().toString());
        checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        env.configure(checkpoints);
    }
}
