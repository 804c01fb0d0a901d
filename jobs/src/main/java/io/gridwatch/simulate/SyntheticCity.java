package io.gridwatch.simulate;

import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lays out a synthetic city deterministically by seed: its grids fill a square lattice of cells about 500 m wide,
 * street by street and community by community, so that a community's grids and a street's communities lie together;
 * a grid's neighbours are the cells around it (eight at most). Every second street is a town (镇) whose communities
 * are villages (村) with grids of type {@code village}. Names are Chinese and made up.
 */
public final class SyntheticCity {

    private static final String[] STREET_NAMES = {"东湖", "西溪", "南苑", "北山", "长河", "临江", "云栖", "柳塘", "桃源", "梅林"};
    private static final String[] COMMUNITY_NAMES = {"幸福里", "和平", "春晖", "枫林", "安居", "明月", "锦绣", "清风", "华庭", "翠苑"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN_NAMES = {"建国", "秀英", "志强", "丽娟", "海燕", "国华", "玉兰", "德明", "红梅", "卫东"};
    private static final double CELL_LAT = 0.0045; // about 500 m
    private static final double CELL_LON = 0.0052; // about 500 m at 30° N
    private static final GeoPoint ORIGIN = new GeoPoint(30.15, 120.10);

    private SyntheticCity() {}

    public static GridRegistry generate(CitySpec spec, long seed) {
        Random random = new Random(seed);
        int width = (int) Math.ceil(Math.sqrt(spec.grids()));
        List<String[]> rows = new ArrayList<>(); // id, name, community, street, district, type
        for (int d = 1; d <= spec.districts(); d++) {
            String district = "第" + d + "区";
            for (int s = 1; s <= spec.streetsPerDistrict(); s++) {
                int streetIndex = (d - 1) * spec.streetsPerDistrict() + s - 1;
                boolean town = streetIndex % 2 == 1;
                String street = name(STREET_NAMES, streetIndex) + (town ? "镇" : "街道");
                for (int c = 1; c <= spec.communitiesPerStreet(); c++) {
                    int communityIndex = streetIndex * spec.communitiesPerStreet() + c - 1;
                    String community = name(COMMUNITY_NAMES, communityIndex) + (town ? "村" : "社区");
                    for (int g = 1; g <= spec.gridsPerCommunity(); g++) {
                        String id = "G-%02d%02d-%02d-%02d".formatted(d, s, c, g);
                        rows.add(new String[] {id, community + "第" + g + "网格", community, street, district,
                                town ? "village" : (g == 1 && c == 1 ? "commercial" : "residential")});
                    }
                }
            }
        }
        List<Grid> grids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int r = i / width, col = i % width;
            List<String> neighbors = new ArrayList<>();
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int nr = r + dr, nc = col + dc, n = nr * width + nc;
                    if ((dr != 0 || dc != 0) && nr >= 0 && nc >= 0 && nc < width && n < rows.size()) {
                        neighbors.add(rows.get(n)[0]);
                    }
                }
            }
            String lead = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
            String phone = "139" + String.format("%08d", random.nextInt(100_000_000));
            GeoPoint centroid = new GeoPoint(round(ORIGIN.lat() + r * CELL_LAT), round(ORIGIN.lon() + col * CELL_LON));
            grids.add(new Grid(row[0], row[1], row[2], row[3], row[4], lead, phone, centroid, neighbors, row[5]));
        }
        return GridRegistry.of(grids);
    }

    /** Names repeat with a number once the list is used up, so a big city still has distinct names. */
    private static String name(String[] names, int index) {
        return names[index % names.length] + (index < names.length ? "" : String.valueOf(index / names.length + 1));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
