package io.gridwatch.bench.jmh;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.ingest.GridEventTypeInfo;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
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
 * What an event costs each time it crosses a shuffle (keyBy): a round trip through Flink's serializer — for
 * {@code GridEvent} the one Flink picks for an interface (Kryo) and GridWatch's own ({@code GridEventTypeInfo}), and
 * for {@code Complaint} (a record) Flink's POJO serializer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializerBenchmark {

    private final DataOutputSerializer out = new DataOutputSerializer(1024);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private TypeSerializer<GridEvent> kryoSerializer;
    private TypeSerializer<GridEvent> eventSerializer;
    private TypeSerializer<Complaint> complaintSerializer;
    private Complaint complaint;

    @Setup
    public void setUp() {
        kryoSerializer = new GenericTypeInfo<>(GridEvent.class).createSerializer(new SerializerConfigImpl());
        eventSerializer = GridEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
        complaintSerializer = Types.POJO(Complaint.class).createSerializer(new SerializerConfigImpl());
        complaint = Samples.complaint();
    }

    @Benchmark
    public GridEvent gridEventKryoRoundTrip() throws IOException {
        return roundTrip(kryoSerializer);
    }

    @Benchmark
    public GridEvent gridEventRoundTrip() throws IOException {
        return roundTrip(eventSerializer);
    }

    private GridEvent roundTrip(TypeSerializer<GridEvent> serializer) throws IOException {
        out.clear();
        serializer.serialize(complaint, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }

    @Benchmark
    public Complaint complaintRoundTrip() throws IOException {
        out.clear();
        complaintSerializer.serialize(complaint, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return complaintSerializer.deserialize(in);
    }
}
