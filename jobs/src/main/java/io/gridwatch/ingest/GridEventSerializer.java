package io.gridwatch.ingest;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link GridEvent} as one tag byte (complaint or patrol) and the subtype's own serializer. Events are immutable
 * records, so a copy is the event itself.
 */
public final class GridEventSerializer extends TypeSerializer<GridEvent> {

    private static final long serialVersionUID = 1L;

    private static final byte COMPLAINT = 0;
    private static final byte PATROL = 1;

    private final TypeSerializer<Complaint> complaints;
    private final TypeSerializer<Patrol> patrols;

    GridEventSerializer(TypeSerializer<Complaint> complaints, TypeSerializer<Patrol> patrols) {
        this.complaints = complaints;
        this.patrols = patrols;
    }

    static GridEventSerializer create(SerializerConfig config) {
        return new GridEventSerializer(
                Types.POJO(Complaint.class).createSerializer(config), Types.POJO(Patrol.class).createSerializer(config));
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<GridEvent> duplicate() {
        TypeSerializer<Complaint> complaintsCopy = complaints.duplicate();
        TypeSerializer<Patrol> patrolsCopy = patrols.duplicate();
        return complaintsCopy == complaints && patrolsCopy == patrols
                ? this
                : new GridEventSerializer(complaintsCopy, patrolsCopy);
    }

    @Override
    public GridEvent createInstance() {
        return null; // immutable: never reused
    }

    @Override
    public GridEvent copy(GridEvent from) {
        return from;
    }

    @Override
    public GridEvent copy(GridEvent from, GridEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(GridEvent event, DataOutputView target) throws IOException {
        if (event instanceof Complaint complaint) {
            target.writeByte(COMPLAINT);
            complaints.serialize(complaint, target);
        } else if (event instanceof Patrol patrol) {
            target.writeByte(PATROL);
            patrols.serialize(patrol, target);
        } else {
            throw new IOException("not a complaint or a patrol: " + event.getClass().getName());
        }
    }

    @Override
    public GridEvent deserialize(DataInputView source) throws IOException {
        byte tag = source.readByte();
        return switch (tag) {
            case COMPLAINT -> complaints.deserialize(source);
            case PATROL -> patrols.deserialize(source);
            default -> throw new IOException("unknown event tag " + tag);
        };
    }

    @Override
    public GridEvent deserialize(GridEvent reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte tag = source.readByte();
        target.writeByte(tag);
        switch (tag) {
            case COMPLAINT -> complaints.copy(source, target);
            case PATROL -> patrols.copy(source, target);
            default -> throw new IOException("unknown event tag " + tag);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GridEventSerializer that
                && complaints.equals(that.complaints) && patrols.equals(that.patrols);
    }

    @Override
    public int hashCode() {
        return Objects.hash(complaints, patrols);
    }

    @Override
    public TypeSerializerSnapshot<GridEvent> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The snapshot of the two subtype serializers, so that state written with them can be read after an upgrade. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<GridEvent, GridEventSerializer> {

        public Snapshot() {}

        Snapshot(GridEventSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(GridEventSerializer outer) {
            return new TypeSerializer<?>[] {outer.complaints, outer.patrols};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected GridEventSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new GridEventSerializer((TypeSerializer<Complaint>) nested[0], (TypeSerializer<Patrol>) nested[1]);
        }
    }
}
