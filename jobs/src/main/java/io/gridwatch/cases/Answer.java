package io.gridwatch.cases;

import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import java.time.Instant;

/**
 * What a case keeps of one answer (a {@code followup} or {@code resolution} naming its complaint): when it was given,
 * whether it closed the complaint (办结), and the resident's rating if one was asked.
 */
public record Answer(Instant givenAt, boolean resolves, Satisfaction rating) {

    static Answer of(Patrol answer) {
        return new Answer(answer.occurredAt(), answer.kind() == PatrolKind.RESOLUTION, answer.satisfaction());
    }
}
