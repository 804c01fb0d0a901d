package io.gridwatch.bench.jmh;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Subject;
import java.time.Instant;

/** A typical record for the operator-level benchmarks. */
final class Samples {

    private Samples() {}

    static Complaint complaint() {
        Instant at = Instant.parse("2026-03-02T01:00:00Z");
        return new Complaint("C-20260302-000123", "G-0101-01-01", at, at.plusSeconds(600), Channel.HOTLINE_12345,
                Category.NEIGHBOR_DISPUTE, 2, new Subject("幸福里小区3栋502", "P-1001"), "楼上漏水，多次协商未果", null,
                new Complainant("张三", "13800000000"));
    }
}
