package io.gridwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AlertLatencyTest {

    @Test
    void shortensWatermarkIntervalAndBufferTimeoutWhenTheClusterSetsNeither() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        AlertLatency.configure(env);

        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(100);
        assertThat(env.getBufferTimeout()).isEqualTo(20);
    }

    @Test
    void leavesTheClustersOwnBufferTimeout() {
        Configuration cluster = new Configuration();
        cluster.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(250));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        AlertLatency.configure(env);

        assertThat(env.getBufferTimeout()).isEqualTo(250);
    }
}
