package io.gridwatch.simulate;

import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import java.util.List;

/**
 * A simulated history: the city, its events in the order they happened, the same events in the order they reach
 * GridWatch ({@link Intake}), and the scenarios injected into them.
 */
public record Simulation(GridRegistry registry, List<GridEvent> events, List<Delivery> deliveries,
        List<Scenario> scenarios) {}
