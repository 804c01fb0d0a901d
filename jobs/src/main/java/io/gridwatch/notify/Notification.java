package io.gridwatch.notify;

import io.gridwatch.notify.channel.Message;
import java.io.Serializable;

/**
 * One notice to one recipient, as the notification operators keep it in state (a digest held back by the rate limit):
 * its class name is part of savepoints, so it stays here while the channels that send it take any {@link Message}.
 *
 * @param idempotencyKey the same for every attempt to deliver the same alert to the same recipient, so a receiver
 *     that honours it never shows a retried or replayed message twice
 * @param title a short Chinese title (a chat robot's notification line)
 * @param text the message body, Markdown
 */
public record Notification(String idempotencyKey, String title, String text) implements Message, Serializable {}
