package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.io.Serializable;

/**
 * A valid event as it arrived, with whether it was already behind the watermark: decided right after the watermark
 * generator, where it is deterministic, and acted on after deduplication.
 */
public record Arrival(GridEvent event, boolean late) implements Serializable {}
