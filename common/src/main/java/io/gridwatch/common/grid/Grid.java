package io.gridwatch.common.grid;

import io.gridwatch.common.event.GeoPoint;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One grid (网格), the smallest unit of governance, with its place in the hierarchy
 * district (区) → street/town (镇街) → community/village (社区/村) → grid, and the grid lead (网格长) who answers for it.
 *
 * @param centroid the grid's centre, used for maps and for assigning coordinates to grids
 * @param neighbors ids of adjacent grids, for multi-grid (片区) analysis
 * @param type the kind of grid (e.g. residential, village, commercial), for rules that differ by kind
 * @param since the first day the grid was governed (a grid split or added mid-month is measured from it by the
 *     scorecards); {@code null} when it has always been
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
        List<String> neighbors,
        String type,
        LocalDate since)
        implements Serializable {

    /** The type of a grid whose registry row names none. */
    public static final String DEFAULT_TYPE = "residential";

    public Grid {
        neighbors = new ArrayList<>(neighbors);
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
    }

    /** A grid governed since before any record. */
    public Grid(String gridId, String name, String community, String street, String district, String leadName,
            String leadContact, GeoPoint centroid, List<String> neighbors, String type) {
        this(gridId, name, community, street, district, leadName, leadContact, centroid, neighbors, type, null);
    }
}
