package io.gridwatch.notify;

import java.io.Serializable;

/** A notice that could not be delivered: what, to whom, after how many attempts, and the last error. */
public record FailedNotice(String alertId, String recipient, Notification notice, int attempts, String lastError)
        implements Serializable {}
