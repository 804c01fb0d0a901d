package io.gridwatch.scorecard;

import io.gridwatch.common.grid.Grid;
import java.util.function.Function;

/** What one row of a scorecard is: a grid, a community or a street. */
public enum Grouping {
    GRID("网格", Grid::gridId),
    COMMUNITY("社区", Grid::community),
    STREET("街道", Grid::street);

    private final String label;
    private final Function<Grid, String> key;

    Grouping(String label, Function<Grid, String> key) {
        this.label = label;
        this.key = key;
    }

    /** The row's kind as staff call it, for headings. */
    public String label() {
        return label;
    }

    /** The row {@code grid} belongs to. */
    public String of(Grid grid) {
        return key.apply(grid);
    }

    /** How the row is shown: a grid by its name, a community or street by itself. */
    public String name(Grid grid) {
        return this == GRID ? grid.name() : of(grid);
    }
}
