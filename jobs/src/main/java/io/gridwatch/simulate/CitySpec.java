package io.gridwatch.simulate;

/**
 * The shape of a synthetic city: how many districts (区), streets/towns (镇街) per district, communities/villages
 * (社区/村) per street and grids (网格) per community.
 */
public record CitySpec(int districts, int streetsPerDistrict, int communitiesPerStreet, int gridsPerCommunity) {

    /** One district, two streets of two communities of three grids: twelve grids, enough for every scenario. */
    public static final CitySpec SMALL = new CitySpec(1, 2, 2, 3);

    public CitySpec {
        positive("districts", districts);
        positive("streets per district", streetsPerDistrict);
        positive("communities per street", communitiesPerStreet);
        positive("grids per community", gridsPerCommunity);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }

    public int grids() {
        return districts * streetsPerDistrict * communitiesPerStreet * gridsPerCommunity;
    }
}
