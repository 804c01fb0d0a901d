package io.gridwatch.bench.jmh;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What an event costs each time it crosses a shuffle (keyBy) or is copied between chained operators: a round trip
 * through Flink's serializer, as the job types it — {@code GridEvent} (an interface: Kryo) and {@code Complaint} (a
 * record: Flink's POJO serializer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializerBenchmark {

    private final DataOutputSerializer out = new DataOutputSerializer(1024);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private TypeSerializer<GridEvent> eventSerializer;
    private TypeSerializer<Complaint> complaintSerializer;
    private Complaint complaint;

    @Setup
    public void setUp() {
        eventSerializer = TypeInformation.of(GridEvent.class).createSerializer(new SerializerConfigImpl());
        complaintSerializer = Types.POJO(Complaint.class).createSerializer(new SerializerConfigImpl());
        complaint = Samples.complaint();
    }

    @Benchmark
    public GridEvent gridEventRoundTrip() throws IOException {
        out.clear();
        eventSerializer.serialize(complaint, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return eventSerializer.deserialize(in);
    }

    @Benchmark
    public Complaint complaintRoundTrip() throws IOException {
        out.clear();
        complaintSerializer.serialize(complaint, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return complaintSerializer.deserialize(in);
    }
}
