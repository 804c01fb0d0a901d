package io.gridwatch.simulate;

import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import java.util.List;

/** A simulated history: the city, its events in event-time order, and the scenarios injected into them. */
public record Simulation(GridRegistry registry, List<GridEvent> events, List<Scenario> scenarios) {}
