package io.gridwatch.notify;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/** An alert that nobody acknowledged within {@code waited} went to {@code to} at {@code at}: a history entry. */
public record Escalation(String alertId, Tier to, Instant at, Duration waited) implements Serializable {}
