package io.gridwatch.common.access;

/**
 * The warnings an API token may act on, by where they were raised: {@code all}, {@code street:东湖街道},
 * {@code community:东湖街道/幸福里社区} (a community's name is unique within its street only) or {@code grid:G-XF-01-01}.
 */
public record Scope(Level level, String value) {

    /** How wide a scope is. */
    public enum Level { ALL, STREET, COMMUNITY, GRID }

    public Scope {
        if (level != Level.ALL && (value == null || value.isBlank())) {
            throw new IllegalArgumentException("a " + level.name().toLowerCase(java.util.Locale.ROOT) + " scope names one");
        }
    }

    public static final Scope ALL = new Scope(Level.ALL, null);

    /** Parses {@code all}, {@code street:S}, {@code community:S/C} or {@code grid:G}. */
    public static Scope parse(String text) {
        if ("all".equals(text)) {
            return ALL;
        }
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon > 0) {
            String value = text.substring(colon + 1).strip();
            switch (text.substring(0, colon)) {
                case "street":
                    return new Scope(Level.STREET, value);
                case "community":
                    if (value.indexOf('/') > 0 && value.indexOf('/') < value.length() - 1) {
                        return new Scope(Level.COMMUNITY, value);
                    }
                    throw new IllegalArgumentException("a community scope is community:<street>/<community>, was '" + text + "'");
                case "grid":
                    return new Scope(Level.GRID, value);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "a scope is all, street:<street>, community:<street>/<community> or grid:<gridId>, was '" + text + "'");
    }

    /** Whether a warning raised in {@code gridId} of {@code community} in {@code street} is within this scope. */
    public boolean covers(String street, String community, String gridId) {
        return switch (level) {
            case ALL -> true;
            case STREET -> value.equals(street);
            case COMMUNITY -> value.equals(street + "/" + community);
            case GRID -> value.equals(gridId);
        };
    }

    @Override
    public String toString() {
        return level == Level.ALL ? "all" : level.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
