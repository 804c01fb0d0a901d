package io.gridwatch.simulate;

/**
 * How ordinary complaints arrive in a simulated city.
 *
 * @param rhythm whether the rate follows the day (quiet at night, busy mornings and afternoons) and the week
 *     (quieter at weekends); without it every hour is alike
 * @param overdispersion how much more days vary than a Poisson count would: each grid's rate on each local day is
 *     multiplied by a gamma factor with mean 1 and this variance (0: none), as a busy market day, a heat wave or a
 *     quiet holiday does to real hotline counts
 */
public record Background(boolean rhythm, double overdispersion) {

    /** The daily and weekly rhythm, no day-to-day variation beyond Poisson. */
    public static final Background RHYTHMIC = new Background(true, 0);

    public Background {
        if (!(overdispersion >= 0 && overdispersion <= 10)) {
            throw new IllegalArgumentException("overdispersion must be 0-10, was " + overdispersion);
        }
    }
}
