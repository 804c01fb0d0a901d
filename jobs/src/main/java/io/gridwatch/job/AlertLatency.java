package io.gridwatch.job;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How soon an alert can follow the input that made it due. A CEP or timer detector acts when the watermark passes
 * an event, and watermarks, like records, wait in network buffers between tasks until a buffer fills or its timeout
 * passes; an alert then crosses two more exchanges to its sink. Flink's defaults (watermarks every 200 ms, buffers
 * flushed every 100 ms) put most of a second between an event and its alert at modest rates; these halve that, at no
 * cost measured at full load (buffers fill long before the timeout; BENCHMARKS.md). A cluster's own settings stand.
 */
final class AlertLatency {

    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);
    static final Duration BUFFER_TIMEOUT = Duration.ofMillis(20);

    private AlertLatency() {}

    static void configure(StreamExecutionEnvironment env) {
        Configuration latency = new Configuration();
        if (env.getConfiguration().getOptional(PipelineOptions.AUTO_WATERMARK_INTERVAL).isEmpty()) {
            latency.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        }
        if (env.getConfiguration().getOptional(ExecutionOptions.BUFFER_TIMEOUT).isEmpty()) {
            latency.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
        }
        env.configure(latency);
    }
}
