package io.gridwatch.common.grid;

import io.gridwatch.common.event.GeoPoint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One grid (网格), the smallest unit of governance, with its place in the hierarchy
 * district (区) → street/town (镇街) → community/village (社区/村) → grid, and the grid lead (网格长) who answers for it.
 *
 * @param centroid the grid's centre, used for maps and for assigning coordinates to grids
 * @param neighbors ids of adjacent grids, for multi-grid (片区) analysis
 */
public record Grid(
        String gridId,
        String name,
        String community,
        String street,
        String district,
        String leadName,
        String leadContact,
        GeoPoint centroid,
        List<String> neighbors)
        implements Serializable {

    public Grid {
        neighbors = new ArrayList<>(neighbors);
    }
}
