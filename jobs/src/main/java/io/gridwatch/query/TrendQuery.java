package io.gridwatch.query;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.aggregations.AggregationBuilders;
import org.elasticsearch.search.aggregations.bucket.histogram.DateHistogramAggregationBuilder;
import org.elasticsearch.search.aggregations.bucket.histogram.DateHistogramInterval;
import org.elasticsearch.search.aggregations.bucket.histogram.Histogram;
import org.elasticsearch.search.aggregations.bucket.histogram.LongBounds;
import org.elasticsearch.search.aggregations.bucket.terms.Terms;
import org.elasticsearch.search.aggregations.metrics.Sum;
import org.elasticsearch.search.builder.SearchSourceBuilder;

/**
 * Complaint counts over time for a street, community or grid: an Elasticsearch {@code date_histogram} in Beijing time
 * over the events indices, or for long ranges over the daily rollups, optionally split by category, grid or severity.
 */
public final class TrendQuery {

    /** The field a trend is restricted to, with its value. */
    public record Scope(String field, String value) {}

    /** The length of one period. */
    public enum Interval {
        DAY(DateHistogramInterval.DAY),
        WEEK(DateHistogramInterval.WEEK),
        MONTH(DateHistogramInterval.MONTH);

        private final DateHistogramInterval calendar;

        Interval(DateHistogramInterval calendar) {
            this.calendar = calendar;
        }
    }

    /** How to split each period's count: by a field of the events, or not at all. */
    public enum Split {
        NONE(null),
        CATEGORY("category"),
        GRID("gridId"),
        SEVERITY("severity");

        private final String field;

        Split(String field) {
            this.field = field;
        }
    }

    /** One period: its first day and its counts by group (one group, "total", when not split). */
    public record Period(LocalDate start, Map<String, Long> counts) {}

    public static final String TOTAL = "total";

    /**
     * Ranges this long or longer are counted from the daily rollups ({@code gridwatch-grid-daily}, one document per
     * grid and day) instead of every event: the same figures from a fraction of the documents.
     */
    public static final int ROLLUPS_FROM_DAYS = 92;

    private final RestHighLevelClient client;

    public TrendQuery(RestHighLevelClient client) {
        this.client = client;
    }

    /** Periods from {@code from} to {@code to} (both days included), empty periods too, oldest first. */
    public List<Period> run(Scope scope, LocalDate from, LocalDate to, Interval interval, String category, Split split)
            throws IOException {
        boolean rollupsHaveIt = category == null || split != Split.SEVERITY;
        if (ChronoUnit.DAYS.between(from, to) >= ROLLUPS_FROM_DAYS && rollupsHaveIt) {
            return fromRollups(scope, from, to, interval, category, split);
        }
        return fromEvents(scope, from, to, interval, category, split);
    }

    private List<Period> fromEvents(
            Scope scope, LocalDate from, LocalDate to, Interval interval, String category, Split split)
            throws IOException {
        Instant start = from.atStartOfDay(CityTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(CityTime.ZONE).toInstant();
        BoolQueryBuilder query = QueryBuilders.boolQuery()
                .filter(QueryBuilders.termQuery("type", "complaint"))
                .filter(QueryBuilders.termQuery(scope.field(), scope.value()))
                .filter(QueryBuilders.rangeQuery("occurredAt").gte(start.toString()).lt(end.toString()));
        if (category != null) {
            query.filter(QueryBuilders.termQuery("category", category));
        }
        DateHistogramAggregationBuilder periods = AggregationBuilders.dateHistogram("periods")
                .field("occurredAt")
                .calendarInterval(interval.calendar)
                .timeZone(CityTime.ZONE)
                .minDocCount(0)
                .extendedBounds(new LongBounds(start.toEpochMilli(), end.toEpochMilli() - 1));
        if (split != Split.NONE) {
            periods.subAggregation(AggregationBuilders.terms("groups").field(split.field).size(500));
        }
        SearchRequest request = new SearchRequest(Indices.EVENTS)
                // No events index yet (nothing ingested) is an empty trend, not an error.
                .indicesOptions(IndicesOptions.lenientExpandOpen())
                .source(new SearchSourceBuilder().query(query).size(0).aggregation(periods));
        return periods(request, CityTime.ZONE, bucket -> {
            Map<String, Long> counts = new TreeMap<>();
            if (split == Split.NONE) {
                counts.put(TOTAL, bucket.getDocCount());
            } else {
                Terms groups = bucket.getAggregations().get("groups");
                groups.getBuckets().forEach(group -> counts.put(group.getKeyAsString(), group.getDocCount()));
            }
            return counts;
        });
    }

    private List<Period> fromRollups(
            Scope scope, LocalDate from, LocalDate to, Interval interval, String category, Split split)
            throws IOException {
        BoolQueryBuilder query = QueryBuilders.boolQuery()
                .filter(QueryBuilders.termQuery(scope.field(), scope.value()))
                .filter(QueryBuilders.rangeQuery("date").gte(from.toString()).lte(to.toString()).format("yyyy-MM-dd"));
        // Rollup dates are calendar days, stored as UTC midnights: the histogram runs in UTC to keep them whole.
        DateHistogramAggregationBuilder periods = AggregationBuilders.dateHistogram("periods")
                .field("date")
                .calendarInterval(interval.calendar)
                .minDocCount(0)
                .extendedBounds(new LongBounds(utcMillis(from), utcMillis(to)));
        String counted = category == null ? "complaints" : "complaintsByCategory." + category;
        switch (split) {
            case NONE -> periods.subAggregation(AggregationBuilders.sum(TOTAL).field(counted));
            case GRID -> periods.subAggregation(AggregationBuilders.terms("groups").field("gridId").size(500)
                    .subAggregation(AggregationBuilders.sum("count").field(counted)));
            case CATEGORY -> {
                for (Category each : Category.values()) {
                    if (category == null || category.equals(each.wireName())) {
                        periods.subAggregation(AggregationBuilders.sum(each.wireName())
                                .field("complaintsByCategory." + each.wireName()));
                    }
                }
            }
            case SEVERITY -> {
                for (int severity = Complaint.MIN_SEVERITY; severity <= Complaint.MAX_SEVERITY; severity++) {
                    periods.subAggregation(AggregationBuilders.sum(String.valueOf(severity))
                            .field("complaintsBySeverity." + severity));
                }
            }
        }
        SearchRequest request = new SearchRequest(Indices.GRID_DAILY)
                .indicesOptions(IndicesOptions.lenientExpandOpen())
                .source(new SearchSourceBuilder().query(query).size(0).aggregation(periods));
        return periods(request, ZoneOffset.UTC, bucket -> {
            Map<String, Long> counts = new TreeMap<>();
            if (split == Split.GRID) {
                Terms groups = bucket.getAggregations().get("groups");
                groups.getBuckets().forEach(group ->
                        counts.put(group.getKeyAsString(), (long) ((Sum) group.getAggregations().get("count")).getValue()));
            } else {
                for (var aggregation : bucket.getAggregations()) {
                    long count = (long) ((Sum) aggregation).getValue();
                    if (count > 0 || split == Split.NONE) {
                        counts.put(aggregation.getName(), count);
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Runs the search and turns each bucket of its {@code periods} histogram into a period.
     *
     * @param zone the zone the histogram ran in: its bucket keys are the periods' first days there
     */
    private List<Period> periods(
            SearchRequest request, ZoneId zone, Function<Histogram.Bucket, Map<String, Long>> counts) throws IOException {
        var aggregations = client.search(request, RequestOptions.DEFAULT).getAggregations();
        List<Period> result = new ArrayList<>();
        if (aggregations == null) {
            return result;
        }
        Histogram histogram = aggregations.get("periods");
        for (Histogram.Bucket bucket : histogram.getBuckets()) {
            LocalDate start = ((ZonedDateTime) bucket.getKey()).withZoneSameInstant(zone).toLocalDate();
            result.add(new Period(start, counts.apply(bucket)));
        }
        return result;
    }

    private static long utcMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
