package io.gridwatch.notify;

import java.io.Serializable;
import java.time.Instant;

/**
 * A notice on its way to one recipient: decided by {@link EscalateAlerts}, delivered (or folded into a digest) by
 * {@link DeliverNotices}.
 *
 * @param alertId the alert, or the comma-separated alerts of a digest
 * @param recipient see {@link Tier#recipient}; the key of rate limiting
 * @param at event time at which the notice is due: the alert's creation, an escalation deadline, or the recovery
 */
public record Dispatch(String alertId, String gridId, Tier tier, String recipient, Notification notice, Instant at)
        implements Serializable {}
