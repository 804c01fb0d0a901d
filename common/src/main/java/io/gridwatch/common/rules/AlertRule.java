package io.gridwatch.common.rules;

import java.io.Serializable;
import java.time.Duration;

/** What every detector rule has: how long an alert suppresses the next one for the same detector and key. */
public interface AlertRule extends Serializable {

    /**
     * Within this much event time after an alert, the same detector and key raise no new alert unless the level
     * rises; further evidence updates the existing alert instead.
     */
    Duration cooldown();
}
