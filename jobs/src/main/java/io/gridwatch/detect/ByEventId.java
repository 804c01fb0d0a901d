package io.gridwatch.detect;

import io.gridwatch.common.event.Complaint;
import org.apache.flink.cep.EventComparator;

/**
 * The order in which CEP takes complaints of one instant: by event id. CEP sorts its input by event time; among
 * events of the same instant it would otherwise keep arrival order, which depends on how partitions happen to be
 * read — and so would which complaints a match holds, and its alert id.
 */
public final class ByEventId implements EventComparator<Complaint> {

    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Complaint a, Complaint b) {
        return a.eventId().compareTo(b.eventId());
    }
}
