package io.gridwatch.simulate;

import io.gridwatch.common.event.GridEvent;
import java.time.Instant;

/** An event of the simulated city and when it reaches GridWatch ({@link Intake}). */
public record Delivery(GridEvent event, Instant at) {}
