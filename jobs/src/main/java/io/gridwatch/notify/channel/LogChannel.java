package io.gridwatch.notify.channel;

import io.gridwatch.common.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the message to the log: for the demo, and for recipients without a configured channel yet. */
public final class LogChannel implements Channel {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LogChannel.class);

    private final String recipient;

    public LogChannel(String recipient) {
        this.recipient = recipient;
    }

    @Override
    public void send(Message message) {
        // Masked again: the log outlives the notice, and must never carry a resident's number.
        LOG.info("To {}: {} — {}", recipient, message.title(), Masking.text(message.text()));
    }
}
