package io.gridwatch.job;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Savepoints of a job whose sources are held open ({@link HoldAfter}) once its input has been read: a warm start's
 * replay, the state benchmark.
 */
public final class HeldOpenSavepoints {

    private HeldOpenSavepoints() {}

    /**
     * A savepoint of {@code job} under {@code directory} (a URI), taken once every task runs — a small input can be
     * read before the last task is deployed, and Flink refuses a savepoint until then; returns its path.
     */
    public static String take(JobClient job, String directory) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return job.triggerSavepoint(directory, SavepointFormatType.CANONICAL).get(30, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (attempt == 60 || !String.valueOf(e.getMessage()).contains("is not being executed")) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
