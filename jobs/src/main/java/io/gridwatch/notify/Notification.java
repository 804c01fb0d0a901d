package io.gridwatch.notify;

import java.io.Serializable;

/**
 * One message to one recipient.
 *
 * @param idempotencyKey the same for every attempt to deliver the same alert to the same recipient, so a receiver
 *     that honours it never shows a retried or replayed message twice
 * @param title a short Chinese title (a chat robot's notification line)
 * @param text the message body, Markdown
 */
public record Notification(String idempotencyKey, String title, String text) implements Serializable {}
