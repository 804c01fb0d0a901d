package io.gridwatch.notify.channel;

/** What a channel sends to one recipient. */
public interface Message {

    /**
     * The same for every attempt to deliver the same alert to the same recipient, so a receiver that honours it never
     * shows a retried or replayed message twice.
     */
    String idempotencyKey();

    /** A short Chinese title (a chat robot's notification line). */
    String title();

    /** The message body, Markdown. */
    String text();
}
