package io.gridwatch.bench.jmh;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.codec.InvalidEventException;
import io.gridwatch.common.event.GridEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The job's first step on every record: a Kafka value parsed and validated into an event (and the way back). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    private byte[] complaint;
    private GridEvent event;

    @Setup
    public void setUp() throws InvalidEventException {
        event = Samples.complaint();
        complaint = EventCodec.encode(event);
    }

    @Benchmark
    public GridEvent decodeComplaint() throws InvalidEventException {
        return EventCodec.decode(complaint);
    }

    @Benchmark
    public byte[] encodeComplaint() {
        return EventCodec.encode(event);
    }
}
