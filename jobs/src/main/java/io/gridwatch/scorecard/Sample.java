package io.gridwatch.scorecard;

import io.gridwatch.notify.NotifyPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The facts one row of a scorecard is measured on: one group of grids (a grid, community or street) in one month.
 *
 * @param accepted complaints accepted (受理) in the month
 * @param due complaints whose deadline fell in the month and has passed or was met
 * @param gridDays days the group's grids were governed in the month (from a grid's first day, up to today)
 * @param coveredGridDays of those, days with a patrol (a village's: within its patrol interval)
 * @param warnings warnings raised in the month
 * @param asOf when the scorecard is read: a warning whose deadline is still ahead is not yet late
 * @param policy the escalation deadlines by level ({@code notify.yaml})
 */
record Sample(List<CaseFact> accepted, List<CaseFact> due, long gridDays, long coveredGridDays,
        List<WarningFact> warnings, Instant asOf, NotifyPolicy policy) {}
