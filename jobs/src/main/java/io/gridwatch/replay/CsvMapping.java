package io.gridwatch.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.WireName;
import io.gridwatch.common.time.CityTime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the columns of a city's CSV export (a 12345 hotline export, an Open311 GeoReport v2 dump) become complaints,
 * read from a {@code mapping.yaml}: which column holds each field, how times are written, which keywords in the
 * category column mean which category, and — optional — when each request was first answered ({@code respondedAt})
 * and closed ({@code closedAt}, with the {@code status} values that mean closed), which replay turns into the
 * follow-up and resolution that answer the complaint, and the resident's rating ({@code satisfaction}, its values
 * listed per rating under {@code satisfactions}), which the answer carries. See
 * {@code gridwatch/mappings/open311.yaml} for a complete example.
 */
public final class CsvMapping {

    /** The mapping for Open311 GeoReport v2 service requests, shipped on the classpath. */
    public static final String OPEN311 = "open311";

    record Columns(
            @JsonProperty(value = "eventId", required = true) String eventId,
            @JsonProperty(value = "occurredAt", required = true) String occurredAt,
            @JsonProperty(value = "category", required = true) String category,
            @JsonProperty("address") String address,
            @JsonProperty("lat") String lat,
            @JsonProperty("lon") String lon,
            @JsonProperty("text") String text,
            @JsonProperty("gridId") String gridId,
            @JsonProperty("district") String district,
            @JsonProperty("severity") String severity,
            @JsonProperty("respondedAt") String respondedAt,
            @JsonProperty("closedAt") String closedAt,
            @JsonProperty("status") String status,
            @JsonProperty("satisfaction") String satisfaction) {}

    record Time(@JsonProperty("zone") String zone, @JsonProperty("pattern") String pattern) {}

    record Defaults(@JsonProperty("severity") Integer severity, @JsonProperty("channel") String channel) {}

    record File(
            @JsonProperty(value = "columns", required = true) Columns columns,
            @JsonProperty("time") Time time,
            @JsonProperty("categories") LinkedHashMap<String, List<String>> categories,
            @JsonProperty("default_category") String defaultCategory,
            @JsonProperty("defaults") Defaults defaults,
            @JsonProperty("closed_statuses") List<String> closedStatuses,
            @JsonProperty("satisfactions") LinkedHashMap<String, List<String>> satisfactions) {}

    private final Columns columns;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;
    private final Map<Category, List<String>> keywords = new LinkedHashMap<>();
    private final Category defaultCategory;
    private final int defaultSeverity;
    private final Channel channel;
    private final List<String> closedStatuses;
    private final Map<String, Satisfaction> ratings = new LinkedHashMap<>();

    private CsvMapping(File file) {
        this.columns = file.columns();
        Time time = file.time() == null ? new Time(null, null) : file.time();
        this.zone = time.zone() == null ? CityTime.ZONE : zone(time.zone());
        this.pattern = time.pattern() == null ? null : pattern(time.pattern());
        if (file.categories() != null) {
            file.categories().forEach((name, words) -> keywords.put(category("categories." + name, name),
                    words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList()));
        }
        this.defaultCategory = file.defaultCategory() == null ? Category.OTHER : category("default_category", file.defaultCategory());
        Defaults defaults = file.defaults() == null ? new Defaults(null, null) : file.defaults();
        this.defaultSeverity = defaults.severity() == null ? 2 : defaults.severity();
        if (defaultSeverity < 1 || defaultSeverity > 4) {
            throw new InvalidMappingException("defaults.severity must be 1-4, was " + defaultSeverity);
        }
        this.closedStatuses = file.closedStatuses() == null ? null
                : file.closedStatuses().stream().map(v -> v.toLowerCase(Locale.ROOT).trim()).toList();
        if (closedStatuses != null && columns.status() == null) {
            throw new InvalidMappingException("closed_statuses needs columns.status");
        }
        // Without a list of its own, the export writes the ratings as GridWatch does, or as staff say them.
        for (Satisfaction rating : Satisfaction.values()) {
            List<String> values = file.satisfactions() == null ? List.of(rating.wireName(), rating.label())
                    : file.satisfactions().getOrDefault(rating.wireName(), List.of());
            values.forEach(value -> ratings.put(value.toLowerCase(Locale.ROOT).trim(), rating));
        }
        if (file.satisfactions() != null) {
            if (columns.satisfaction() == null) {
                throw new InvalidMappingException("satisfactions needs columns.satisfaction");
            }
            file.satisfactions().keySet().forEach(name -> WireName.find(Satisfaction.class, name)
                    .orElseThrow(() -> new InvalidMappingException("satisfactions." + name + ": '" + name
                            + "' is not a rating; ratings are " + WireName.choices(Satisfaction.class))));
        }
        this.channel = defaults.channel() == null ? Channel.HOTLINE_12345 : WireName.find(Channel.class, defaults.channel())
                .orElseThrow(() -> new InvalidMappingException("defaults.channel must be "
                        + WireName.choices(Channel.class) + ", was '" + defaults.channel() + "'"));
    }

    /** Reads {@code source}: a file, or {@value #OPEN311} for the shipped Open311 mapping. */
    public static CsvMapping load(String source) {
        if (source.equals(OPEN311)) {
            try (InputStream in = CsvMapping.class.getResourceAsStream("/gridwatch/mappings/open311.yaml")) {
                return read(in, "open311");
            } catch (IOException e) {
                throw new InvalidMappingException("the shipped Open311 mapping cannot be read: " + e.getMessage());
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(source))) {
            return read(in, source);
        } catch (IOException e) {
            throw new InvalidMappingException("cannot read mapping " + source + ": " + e.getMessage());
        }
    }

    private static CsvMapping read(InputStream in, String name) {
        try {
            return new CsvMapping(new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, File.class));
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidMappingException(name + ": unknown key '" + e.getPropertyName() + "'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMappingException(name + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InvalidMappingException(name + ": " + e.getMessage());
        } catch (InvalidMappingException e) {
            throw new InvalidMappingException(name + ": " + e.getMessage());
        }
    }

    Columns columns() {
        return columns;
    }

    ZoneId zone() {
        return zone;
    }

    /** The pattern of times without an offset, or {@code null} for ISO-8601. */
    DateTimeFormatter pattern() {
        return pattern;
    }

    int defaultSeverity() {
        return defaultSeverity;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Whether a row whose status column says {@code status} is closed, so that its {@code closedAt} is when it was
     * answered: always without {@code closed_statuses} (a time in the column is the closing), else when the status is
     * one of them (ignoring case) — Open311's {@code updated_datetime} is a closing time only for closed requests.
     */
    boolean isClosed(String status) {
        return closedStatuses == null || closedStatuses.contains(status.toLowerCase(Locale.ROOT).trim());
    }

    /**
     * The rating {@code value} stands for (ignoring case), {@code null} when blank; throws naming the column when it
     * stands for none.
     */
    Satisfaction satisfactionOf(String value) {
        if (value.isBlank()) {
            return null;
        }
        Satisfaction rating = ratings.get(value.toLowerCase(Locale.ROOT).trim());
        if (rating == null) {
            throw new IllegalArgumentException(columns.satisfaction() + " '" + value + "' is none of the ratings "
                    + String.join(", ", ratings.keySet()));
        }
        return rating;
    }

    /** The first category one of whose keywords the value contains (ignoring case), else the default. */
    Category categoryOf(String value) {
        String lower = value.toLowerCase(Locale.ROOT).trim();
        var exact = WireName.find(Category.class, lower);
        if (exact.isPresent()) {
            return exact.get();
        }
        for (Map.Entry<Category, List<String>> entry : keywords.entrySet()) {
            if (entry.getValue().stream().anyMatch(lower::contains)) {
                return entry.getKey();
            }
        }
        return defaultCategory;
    }

    private static Category category(String key, String name) {
        return WireName.find(Category.class, name).orElseThrow(() -> new InvalidMappingException(
                key + ": '" + name + "' is not a category; categories are " + WireName.choices(Category.class)));
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            throw new InvalidMappingException("time.zone: '" + name + "' is not a time zone such as Asia/Shanghai");
        }
    }

    private static DateTimeFormatter pattern(String text) {
        try {
            return DateTimeFormatter.ofPattern(text, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException("time.pattern: " + e.getMessage());
        }
    }
}
