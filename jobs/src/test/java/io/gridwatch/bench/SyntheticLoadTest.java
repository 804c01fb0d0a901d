package io.gridwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.SyntheticCity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyntheticLoadTest {

    private static final GridRegistry CITY = SyntheticCity.generate(CitySpec.SMALL, 1);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SyntheticLoad load = new SyntheticLoad(CITY);

    @Test
    void makesTheSameEventFromTheSameIndex() {
        assertThat(load.event(12_345, START)).isEqualTo(new SyntheticLoad(CITY).event(12_345, START));
    }

    @Test
    void spreadsFourEventsPerGridOverEachDay() {
        assertThat(load.spanOf(CITY.size() * 4L * 30)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void makesComplaintsAndPatrolsThatAnswerAllButOneInTwenty() {
        int complaints = 0;
        int followUps = 0;
        for (long i = 0; i < 1_000; i++) {
            GridEvent event = load.event(i, START);
            if (event instanceof Complaint) {
                complaints++;
            } else if (((Patrol) event).refEventId() != null) {
                followUps++;
                GridEvent answered = load.event(i - 5, START);
                assertThat(answered).isInstanceOf(Complaint.class);
                assertThat(((Patrol) event).refEventId()).isEqualTo(answered.eventId());
                assertThat(event.gridId()).isEqualTo(answered.gridId());
            }
        }
        assertThat(complaints).isEqualTo(500);
        // 500 patrols: the first two come before any complaint, and 25 of the complaints they follow are left open.
        assertThat(followUps).isEqualTo(500 - 2 - 25);
    }

    @Test
    void spreadsEventsOverEveryGridAndTheWholeSpan() {
        Set<String> grids = new HashSet<>();
        for (long i = 0; i < 1_000; i++) {
            grids.add(load.event(i, 1_000, START, Duration.ofDays(10)).gridId());
        }
        assertThat(grids).hasSize(CITY.size());
        assertThat(load.event(999, 1_000, START, Duration.ofDays(10)).occurredAt())
                .isBetween(START.plus(Duration.ofDays(9)), START.plus(Duration.ofDays(10)));
    }

    @Test
    void letsSubjectsRecurWithinAGrid() {
        Set<String> subjects = new HashSet<>();
        int complaints = 0;
        for (long i = 0; i < 10_000; i++) {
            if (load.event(i, START) instanceof Complaint c) {
                subjects.add(c.subject().partyKey());
                complaints++;
            }
        }
        assertThat(subjects).hasSizeLessThanOrEqualTo(CITY.size() * SyntheticLoad.SUBJECTS_PER_GRID);
        assertThat(complaints).isGreaterThan(subjects.size() * 5);
    }
}
