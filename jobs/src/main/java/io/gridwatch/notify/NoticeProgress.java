package io.gridwatch.notify;

import io.gridwatch.common.alert.Alert;
import java.io.Serializable;

/**
 * How far one alert's notices have gone: the keyed state of {@link EscalateAlerts}.
 *
 * @param alert the latest version of the alert, or {@code null} if staff acted on it before it reached the notifier
 * @param reached the highest tier notified, or {@code null} if none
 * @param recoveryNotified whether the recovery notice went out
 * @param handled whether staff acknowledged or closed the alert, which stops escalation
 * @param escalationDue event time of the pending escalation timer, or {@code -1}
 * @param forgetAt event time of the timer that drops this state
 */
public record NoticeProgress(
        Alert alert, Tier reached, boolean recoveryNotified, boolean handled, long escalationDue, long forgetAt)
        implements Serializable {

    static final long NONE = -1;

    NoticeProgress withAlert(Alert latest) {
        return new NoticeProgress(latest, reached, recoveryNotified, handled, escalationDue, forgetAt);
    }

    NoticeProgress withEscalation(Tier tier, long nextDue) {
        return new NoticeProgress(alert, tier, recoveryNotified, handled, nextDue, forgetAt);
    }

    NoticeProgress withRecoveryNotified() {
        return new NoticeProgress(alert, reached, true, handled, NONE, forgetAt);
    }

    NoticeProgress withHandled() {
        return new NoticeProgress(alert, reached, recoveryNotified, true, NONE, forgetAt);
    }
}
